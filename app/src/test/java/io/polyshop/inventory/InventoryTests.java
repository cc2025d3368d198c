package io.polyshop.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.shared.Money;
import io.polyshop.shared.Refusal;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reservations against the real PostgreSQL: all or nothing, never below zero, whatever the concurrency. */
@PolyshopIntegrationTest
class InventoryTests {

	@Autowired
	Inventory inventory;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void twoHundredConcurrentBuyersOfTenUnitsGetExactlyTen() throws Exception {
		String sku = newSku(10);
		int buyers = 200;
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger served = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(buyers);
		try {
			List<Future<?>> attempts = java.util.stream.IntStream.range(0, buyers).<Future<?>>mapToObj(i -> pool.submit(() -> {
				start.await();
				try {
					inventory.reserve(Map.of(sku, 1));
					served.incrementAndGet();
				}
				catch (InsufficientStock e) {
					assertThat(e.skus()).containsExactly(sku);
					refused.incrementAndGet();
				}
				return null;
			})).toList();
			start.countDown();
			for (Future<?> attempt : attempts) {
				attempt.get(60, TimeUnit.SECONDS); // rethrows anything but InsufficientStock
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(served).hasValue(10);
		assertThat(refused).hasValue(190);
		assertThat(inventory.find(sku)).map(StockLevel::available).contains(0);
	}

	@Test
	void aReservationIsAllOrNothingAndNamesTheShortSkus() {
		String plenty = newSku(5);
		String scarce = newSku(1);
		String unknown = "NOPE-" + suffix();

		assertThatThrownBy(() -> inventory.reserve(Map.of(plenty, 2, scarce, 2, unknown, 1)))
				.isInstanceOfSatisfying(InsufficientStock.class, e -> {
					assertThat(e.skus()).containsExactlyInAnyOrder(scarce, unknown);
					assertThat(e.reason()).isEqualTo(Refusal.Reason.CONFLICT);
					assertThat(e.detail()).contains(scarce).contains(unknown);
					assertThat(e.properties()).containsEntry("skus", e.skus());
				});

		assertThat(inventory.find(plenty)).map(StockLevel::available).contains(5);
		assertThat(inventory.find(scarce)).map(StockLevel::available).contains(1);
	}

	@Test
	void aReservationJoinsTheCallersTransactionAndRollsBackWithIt() {
		String sku = newSku(3);

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			inventory.reserve(Map.of(sku, 2));
			assertThat(inventory.find(sku)).map(StockLevel::available).contains(1); // seen inside the transaction
			throw new IllegalStateException("the order insert failed");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(inventory.find(sku)).map(StockLevel::available).contains(3);
	}

	@Test
	void releaseGivesUnitsBack() {
		String sku = newSku(4);
		inventory.reserve(Map.of(sku, 3));
		inventory.release(Map.of(sku, 2));

		assertThat(inventory.find(sku)).map(StockLevel::available).contains(3);
	}

	@Test
	void reservedUnitsAreKeptApartFromOnHand_anAbsoluteStockCountIsNeverDoubledByACancellation() {
		String sku = newSku(10);
		inventory.reserve(Map.of(sku, 3)); // an open order holds 3
		assertThat(inventory.find(sku).orElseThrow()).extracting(StockLevel::onHand, StockLevel::reserved, StockLevel::available)
				.containsExactly(10, 3, 7);

		// the stock count says 12 units are on the shelves (the 3 held ones among them)
		inventory.setOnHand(Sku.of(sku), 12);
		assertThat(inventory.find(sku).orElseThrow().available()).isEqualTo(9);

		// the order is cancelled: its units become available again, on hand stays what was counted
		inventory.release(Map.of(sku, 3));
		assertThat(inventory.find(sku).orElseThrow()).extracting(StockLevel::onHand, StockLevel::reserved, StockLevel::available)
				.containsExactly(12, 0, 12);
	}

	@Test
	void aCompletedOrderTakesItsReservedUnitsOffTheShelf() {
		String sku = newSku(5);
		inventory.reserve(Map.of(sku, 2));
		Boolean taken = transactions.execute(status -> inventory.takeReserved(Map.of(sku, 2)));
		assertThat(taken).isTrue();
		assertThat(inventory.find(sku).orElseThrow()).extracting(StockLevel::onHand, StockLevel::reserved, StockLevel::available)
				.containsExactly(3, 0, 3);
		// units no order holds cannot be taken
		Boolean notHeld = transactions.execute(status -> inventory.takeReserved(Map.of(sku, 1)));
		assertThat(notHeld).isFalse();
	}

	@Test
	void onHandCannotBeSetBelowWhatOpenOrdersHold() {
		String sku = newSku(5);
		inventory.reserve(Map.of(sku, 4));

		assertThatThrownBy(() -> inventory.setOnHand(Sku.of(sku), 3)).isInstanceOfSatisfying(StockBelowReserved.class, e -> {
			assertThat(e.reason()).isEqualTo(Refusal.Reason.CONFLICT);
			assertThat(e.properties()).containsEntry("reserved", 4);
		});
		assertThat(inventory.find(sku).orElseThrow().onHand()).isEqualTo(5);
		inventory.release(Map.of(sku, 4));
	}

	@Test
	void theDatabaseItselfRefusesNegativeStock() {
		String sku = newSku(1);

		assertThatThrownBy(() -> jdbc.update("UPDATE stock_item SET on_hand = on_hand - 2 WHERE sku = ?", sku))
				.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(inventory.find(sku)).map(StockLevel::available).contains(1);
	}

	@Test
	void aPriceChangeClosesThePreviousPeriodInTheSameTransaction() {
		String sku = newSku(1);
		inventory.changePrice(Sku.of(sku), Money.of("12.50", "EUR"));
		inventory.changePrice(Sku.of(sku), Money.of("12.50", "EUR")); // the same price: no new period
		inventory.changePrice(Sku.of(sku), Money.of("11.00", "EUR"));

		var history = inventory.priceHistory(Sku.of(sku), io.polyshop.shared.Paging.of(0, 10));
		assertThat(history.total()).isEqualTo(3);
		assertThat(history.items()).extracting(PricePeriod::price)
				.containsExactly(Money.of("11.00", "EUR"), Money.of("12.50", "EUR"), Money.of("9.99", "EUR"));
		assertThat(history.items().get(0).validTo()).isNull();
		assertThat(history.items().get(1).validTo()).isEqualTo(history.items().get(0).validFrom());
		assertThat(history.items().get(2).validTo()).isEqualTo(history.items().get(1).validFrom());
		assertThat(inventory.find(sku)).map(StockLevel::price).contains(Money.of("11.00", "EUR"));
	}

	@Test
	void aSkuCanBeAddedOnlyOnce() {
		String sku = newSku(1);

		assertThatThrownBy(() -> inventory.add(new NewStockItem(Sku.of(sku), Money.of("1.00", "EUR"), 5)))
				.isInstanceOf(DuplicateSku.class);
		assertThat(inventory.find(sku)).map(StockLevel::available).contains(1);
	}

	private String newSku(int onHand) {
		String sku = "INV-" + suffix();
		inventory.add(new NewStockItem(Sku.of(sku), Money.of("9.99", "EUR"), onHand));
		return sku;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 13).toUpperCase();
	}
}
