import { api, initPage, signIn, safeNext, showProblem, clearProblem } from "/app.js";

initPage();

const next = safeNext("/");
const params = new URLSearchParams(location.search);
document.getElementById("signin-instead").href = `/signin.html?next=${encodeURIComponent(next)}`;
if (params.get("ref")) document.getElementById("register-referral").value = params.get("ref");

document.getElementById("register-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem();
  const value = (id) => document.getElementById(id).value.trim();
  const body = { name: value("register-name"), email: value("register-email"), password: document.getElementById("register-password").value };
  if (value("register-referral")) body.referralCode = value("register-referral");
  const missing = [["register-name", "Name"], ["register-email", "Email"], ["register-password", "Password"]]
    .filter(([id]) => !document.getElementById(id).checkValidity() || !document.getElementById(id).value.trim());
  for (const [id] of [["register-name"], ["register-email"], ["register-password"]]) {
    document.getElementById(id).setAttribute("aria-invalid", String(missing.some(([m]) => m === id)));
  }
  if (missing.length) {
    showProblem({ title: "Please complete the form", detail: `Check: ${missing.map(([, label]) => label).join(", ")}.` });
    document.getElementById(missing[0][0]).focus();
    return;
  }
  const button = document.getElementById("register-button");
  button.disabled = true;
  try {
    await api("/api/customers", { method: "POST", body });
    // signed in straight away, so an anonymous cart is merged and the shopper goes on where they were
    const customer = await signIn(body.email, body.password);
    location.href = customer ? next : `/signin.html?next=${encodeURIComponent(next)}`;
  } catch (e) {
    // 409 (email taken) or 400 (weak password...): the alert shows the server's reason
  } finally {
    button.disabled = false;
  }
});
