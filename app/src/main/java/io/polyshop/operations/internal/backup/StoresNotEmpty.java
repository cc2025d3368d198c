package io.polyshop.operations.internal.backup;

import java.util.Map;

/** A restore into stores that hold data, without --force: nothing was written. */
public class StoresNotEmpty extends RuntimeException {

	public StoresNotEmpty(Map<String, Long> held) {
		super("The target stores are not empty " + held + ": restore into empty stores, or pass --force to replace their data");
	}
}
