package io.polyshop.stores.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentEngineProcessTest {

	static final List<String> DEFAULTS = List.of("-XX:+UseZGC", "-Xms256m", "-XX:SoftMaxHeapSize=1g");
	static final long SIX_GIB = 6L << 30;

	@Test
	void withoutAMaximumOnAMachineWithRoomTheOptionsAreTakenAsGiven() {
		assertThat(DocumentEngineProcess.heapOptions("", DEFAULTS, SIX_GIB)).isEqualTo(DEFAULTS);
	}

	@Test
	void aSoftMaximumAboveTheMaximumIsLoweredToItAsTheJvmWouldNotStart() {
		assertThat(DocumentEngineProcess.heapOptions("512m", DEFAULTS, SIX_GIB))
				.containsExactly("-Xmx512m", "-XX:+UseZGC", "-Xms256m", "-XX:SoftMaxHeapSize=" + (512L << 20));
	}

	@Test
	void onASmallMachineTheSoftMaximumIsLoweredToTheJvmsDefaultMaximum() {
		assertThat(DocumentEngineProcess.heapOptions("", DEFAULTS, 750L << 20))
				.containsExactly("-XX:+UseZGC", "-Xms256m", "-XX:SoftMaxHeapSize=" + (750L << 20));
	}

	@Test
	void aSoftMaximumWithinTheMaximumStays() {
		assertThat(DocumentEngineProcess.heapOptions("4g", DEFAULTS, 1L << 30))
				.containsExactly("-Xmx4g", "-XX:+UseZGC", "-Xms256m", "-XX:SoftMaxHeapSize=1g");
		assertThat(DocumentEngineProcess.heapOptions("1024m", DEFAULTS, SIX_GIB)).contains("-XX:SoftMaxHeapSize=1g");
	}

	@Test
	void sizesReadAsTheJvmReadsThem() {
		assertThat(DocumentEngineProcess.bytes("1g")).isEqualTo(1L << 30);
		assertThat(DocumentEngineProcess.bytes("512M")).isEqualTo(512L << 20);
		assertThat(DocumentEngineProcess.bytes("1048576k")).isEqualTo(1L << 30);
		assertThat(DocumentEngineProcess.bytes("4096")).isEqualTo(4096);
		assertThat(DocumentEngineProcess.bytes("lots")).isEqualTo(-1);
	}
}
