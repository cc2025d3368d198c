import { initPage, signIn, safeNext, showProblem, clearProblem } from "/app.js";

initPage();

const next = safeNext("/");
document.getElementById("register-instead").href = `/register.html?next=${encodeURIComponent(next)}`;

document.getElementById("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem();
  const email = document.getElementById("signin-email").value.trim();
  const password = document.getElementById("signin-password").value;
  if (!email || !password) {
    showProblem({ title: "Please fill in both fields", detail: "Enter your email and your password." });
    return;
  }
  const button = document.getElementById("signin-button");
  button.disabled = true;
  const customer = await signIn(email, password);
  button.disabled = false;
  if (customer) {
    location.href = next;
  } else {
    showProblem({ title: "Sign-in failed", detail: "The email or the password is not right." });
    document.getElementById("signin-password").focus();
  }
});
