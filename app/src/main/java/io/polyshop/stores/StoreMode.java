package io.polyshop.stores;

/** Whether Polyshop started the engine itself or talks to a server it was given the URL of. */
public enum StoreMode {

	EMBEDDED, EXTERNAL;

	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
