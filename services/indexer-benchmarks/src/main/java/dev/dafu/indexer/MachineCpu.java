package dev.dafu.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's CPU time in use, from {@code /proc/stat} (Linux). */
final class MachineCpu {

	/** Clock ticks a second ({@code USER_HZ}), 100 on Linux. */
	static final int TICKS_PER_SECOND = 100;

	private MachineCpu() {
	}

	/** Ticks all cores spent busy (not idle or waiting for I/O) since boot. */
	static long busyTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			// cpu user nice system idle iowait irq softirq steal …
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(fields[i]);
			}
			return busy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
