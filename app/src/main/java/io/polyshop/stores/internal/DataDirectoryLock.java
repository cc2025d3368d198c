package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Polyshop per data directory. The operating system drops the lock when the process dies, however it dies,
 * so a stale lock never blocks the next start; while it is held, engine processes found through pid files are
 * leftovers of a dead instance and safe to stop. The lock file holds the pid of its owner, so a second instance
 * can say which process has the directory.
 */
final class DataDirectoryLock implements AutoCloseable {

	static final String FILE_NAME = ".polyshop.lock";

	private final FileChannel channel;
	private final FileLock lock;

	private DataDirectoryLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static DataDirectoryLock acquire(Path dataDirectory) {
		Path file = dataDirectory.resolve(FILE_NAME);
		try {
			Files.createDirectories(dataDirectory);
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				String owner = Files.readString(file, StandardCharsets.US_ASCII).trim();
				throw new StartupRefused("the data directory " + dataDirectory + " is in use by another running Polyshop (pid "
						+ (owner.isEmpty() ? "unknown" : owner) + "). Stop it, or give this one its own POLYSHOP_DATA_DIR.");
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
			channel.force(false);
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
