package io.polyshop.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A product page: the catalog document (title, description, attributes, images) with its price and stock. */
interface ProductPageStore {

	record Page(Object document, java.math.BigDecimal price, String currency, int onHand) {
	}

	Page page(String sku);

	static ProductPageStore of(String side, Connections connections) {
		return side.equals(Sides.POLYGLOT)
				? new Composed(connections.mongo.getCollection("products"), connections.polyglotPostgres)
				: new Postgres(connections.pgOnly);
	}

	/** The product's Catalog.find: the published document by _id from the document store, then the stock row. */
	final class Composed implements ProductPageStore {

		private final MongoCollection<Document> products;
		private final DataSource pg;

		Composed(MongoCollection<Document> products, DataSource pg) {
			this.products = products;
			this.pg = pg;
		}

		@Override
		public Page page(String sku) {
			Document document = products.find(Filters.eq("_id", sku)).first();
			if (document == null || !document.getBoolean("published", false)) {
				return null;
			}
			try (Connection c = pg.getConnection();
					PreparedStatement s = c.prepareStatement("SELECT sku, price_amount, price_currency, on_hand FROM stock_item WHERE sku = ?")) {
				s.setString(1, sku);
				try (ResultSet rs = s.executeQuery()) {
					return rs.next() ? new Page(document, rs.getBigDecimal(2), rs.getString(3), rs.getInt(4)) : null;
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	/** PostgreSQL only: the JSONB document and the stock row in one query (a primary-key join). */
	final class Postgres implements ProductPageStore {

		private final DataSource pg;

		Postgres(DataSource pg) {
			this.pg = pg;
		}

		@Override
		public Page page(String sku) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement("""
					SELECT p.doc::text, s.price_amount, s.price_currency, s.on_hand
					FROM product p JOIN stock_item s ON s.sku = p.sku
					WHERE p.sku = ? AND (p.doc->>'published')::boolean""")) {
				s.setString(1, sku);
				try (ResultSet rs = s.executeQuery()) {
					return rs.next()
							? new Page(OrderHistoryStore.Json.parse(rs.getString(1)), rs.getBigDecimal(2), rs.getString(3), rs.getInt(4))
							: null;
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
