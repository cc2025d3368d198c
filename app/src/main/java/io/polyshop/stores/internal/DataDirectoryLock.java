package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Polyshop per data directory. The operating system drops the lock when the process dies, however it dies,
 * so a stale lock never blocks the next start; while it is held, engine processes found through pid files are
 * leftovers of a dead instance and safe to stop.
 */
final class DataDirectoryLock implements AutoCloseable {

	private final FileChannel channel;
	private final FileLock lock;

	private DataDirectoryLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static DataDirectoryLock acquire(Path dataDirectory) {
		try {
			Files.createDirectories(dataDirectory);
			FileChannel channel = FileChannel.open(dataDirectory.resolve(".polyshop.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				throw new IllegalStateException("The data directory " + dataDirectory
						+ " is in use by another running Polyshop. Stop it, or give this one its own POLYSHOP_DATA_DIR.");
			}
			return new DataDirectoryLock(channel, lock);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot lock the data directory " + dataDirectory, e);
		}
	}

	@Override
	public void close() {
		try {
			lock.release();
			channel.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
