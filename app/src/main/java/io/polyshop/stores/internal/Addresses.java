package io.polyshop.stores.internal;

import java.util.regex.Pattern;

/** Store addresses safe to show in logs, health and the admin API: credentials removed. */
final class Addresses {

	private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");
	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

	private Addresses() {
	}

	static String withoutCredentials(String url) {
		return PASSWORD_PARAMETER.matcher(USER_INFO.matcher(url).replaceFirst("")).replaceAll("$1***");
	}
}
