package io.polyshop.catalog.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import net.datafaker.Faker;

import io.polyshop.shared.Money;

/**
 * Realistic products for the demo catalog and the large-catalog generator: eight categories, each with its own
 * attributes (author and ISBN for books, CPU and RAM for laptops, origin and roast for coffee...). Deterministic
 * for a given seed, so the demo catalog is the same on every machine.
 */
final class SampleProducts {

	/** A category, the SKU prefix of its products, and how to make one. */
	record SampleCategory(String name, String skuPrefix, BiFunction<SampleProducts, String, ProductContent> maker) {
	}

	static final List<SampleCategory> CATEGORIES = List.of(
			new SampleCategory("books", "BOOK", SampleProducts::book),
			new SampleCategory("laptops", "LAPTOP", SampleProducts::laptop),
			new SampleCategory("smartphones", "PHONE", SampleProducts::smartphone),
			new SampleCategory("headphones", "AUDIO", SampleProducts::headphones),
			new SampleCategory("cameras", "CAMERA", SampleProducts::camera),
			new SampleCategory("coffee", "COFFEE", SampleProducts::coffee),
			new SampleCategory("tea", "TEA", SampleProducts::tea),
			new SampleCategory("board-games", "GAME", SampleProducts::boardGame));

	private static final String CURRENCY = "EUR";

	private final Faker faker;
	private final Random random;

	SampleProducts(long seed) {
		this.random = new Random(seed);
		this.faker = new Faker(Locale.ENGLISH, random);
	}

	/** The {@code index}-th product of a catalog: categories take turns. */
	ProductContent product(long index, String skuSuffix) {
		SampleCategory category = CATEGORIES.get((int) (index % CATEGORIES.size()));
		return category.maker().apply(this, category.skuPrefix() + "-" + skuSuffix);
	}

	private ProductContent book(String sku) {
		String author = faker.book().author();
		String genre = faker.book().genre();
		String publisher = faker.book().publisher();
		String format = pick("Hardcover", "Paperback", "Paperback", "E-book");
		int pages = between(90, 1100);
		int year = between(1950, 2025);
		Map<String, String> attributes = attributes("author", author, "publisher", publisher, "genre", genre,
				"isbn", faker.code().isbn13(true), "pages", String.valueOf(pages), "format", format, "year", String.valueOf(year),
				"language", pick("English", "English", "English", "French", "German", "Spanish"));
		String description = "A " + genre.toLowerCase(Locale.ENGLISH) + " book by " + author + ", published by " + publisher
				+ " in " + year + ". " + pages + " pages, " + format.toLowerCase(Locale.ENGLISH) + ".";
		return content(sku, faker.book().title(), description, "books", attributes, price(6, 45), 0, 80);
	}

	private ProductContent laptop(String sku) {
		String brand = pick("Lenovo", "Dell", "HP", "Apple", "ASUS", "Acer", "Microsoft", "Framework");
		String series = brand.equals("Apple") ? pick("MacBook Air", "MacBook Pro")
				: pick("ThinkPad X1", "IdeaPad Slim", "XPS", "Inspiron", "Spectre x360", "ZenBook", "Swift Go", "Surface Laptop", "Laptop 13", "Vivobook");
		String cpu = brand.equals("Apple") ? pick("Apple M2", "Apple M3", "Apple M3 Pro", "Apple M4")
				: pick("Intel Core i5-1340P", "Intel Core i7-1360P", "Intel Core Ultra 7 155H", "AMD Ryzen 5 7640U", "AMD Ryzen 7 7840U", "AMD Ryzen 9 7940HS");
		int ram = pickInt(8, 16, 16, 32, 64);
		int storage = pickInt(256, 512, 512, 1024, 2048);
		String screen = pick("13.3", "13.6", "14", "15.6", "16");
		String os = brand.equals("Apple") ? "macOS" : pick("Windows 11 Home", "Windows 11 Pro", "Ubuntu Linux");
		String weight = BigDecimal.valueOf(between(98, 250)).movePointLeft(2).toPlainString();
		String title = brand + " " + series + " " + screen + "\" (" + cpu + ", " + ram + " GB, " + storage + " GB SSD)";
		String description = "A " + screen + "-inch laptop with " + cpu + ", " + ram + " GB of memory and a " + storage
				+ " GB SSD, running " + os + ". Weighs " + weight + " kg.";
		return content(sku, title, description, "laptops", attributes("brand", brand, "cpu", cpu, "ramGb", String.valueOf(ram),
				"storageGb", String.valueOf(storage), "screenInches", screen, "os", os, "weightKg", weight), price(499, 3200), 0, 25);
	}

	private ProductContent smartphone(String sku) {
		String brand = pick("Samsung", "Apple", "Google", "OnePlus", "Xiaomi", "Motorola", "Nothing", "Sony");
		String model = faker.device().modelName();
		int storage = pickInt(64, 128, 128, 256, 512);
		String color = capitalized(faker.color().name());
		String os = brand.equals("Apple") ? "iOS" : "Android";
		String screen = pick("6.1", "6.3", "6.5", "6.7", "6.8");
		String title = brand + " " + model + " " + storage + " GB, " + color;
		String description = "A " + screen + "-inch " + os + " smartphone with " + storage + " GB of storage, in "
				+ color.toLowerCase(Locale.ENGLISH) + ". " + pick("Dual SIM.", "With eSIM.", "5G ready.", "Water resistant (IP68).");
		return content(sku, title, description, "smartphones", attributes("brand", brand, "model", model,
				"storageGb", String.valueOf(storage), "color", color, "os", os, "screenInches", screen), price(149, 1499), 0, 60);
	}

	private ProductContent headphones(String sku) {
		String brand = pick("Sony", "Bose", "Sennheiser", "Audio-Technica", "Jabra", "Beyerdynamic", "AKG", "Shure");
		String type = pick("over-ear", "on-ear", "in-ear");
		boolean wireless = random.nextInt(4) > 0;
		boolean noiseCancelling = wireless && random.nextBoolean();
		String name = pick("Quiet", "Studio", "Momentum", "Pulse", "Aria", "Sport", "Pro", "Wave") + " " + between(2, 9) * 100;
		String title = brand + " " + name + " " + (wireless ? "Wireless " : "") + capitalized(type) + " Headphones";
		String description = (noiseCancelling ? "Noise-cancelling " : "") + (wireless ? "wireless " : "wired ") + type
				+ " headphones" + (wireless ? " with up to " + between(8, 60) + " hours of battery" : "") + ".";
		return content(sku, title, capitalized(description), "headphones", attributes("brand", brand, "type", type,
				"wireless", yesNo(wireless), "noiseCancelling", yesNo(noiseCancelling), "color", pick("Black", "White", "Silver", "Navy")),
				price(29, 449), 0, 120);
	}

	private ProductContent camera(String sku) {
		String brandWithModel = faker.camera().brandWithModel();
		String sensor = pick("Full frame", "APS-C", "Micro Four Thirds", "1-inch");
		int megapixels = pickInt(12, 20, 24, 26, 33, 45, 61);
		String video = pick("4K 30p", "4K 60p", "6K", "8K");
		String title = brandWithModel + " " + megapixels + " MP " + sensor + " Camera";
		String description = "A " + sensor.toLowerCase(Locale.ENGLISH) + " camera with a " + megapixels + "-megapixel sensor and "
				+ video + " video.";
		return content(sku, title, description, "cameras", attributes("brand", faker.camera().brand(), "model", brandWithModel,
				"sensor", sensor, "megapixels", String.valueOf(megapixels), "video", video), price(299, 4500), 0, 15);
	}

	private ProductContent coffee(String sku) {
		String country = faker.coffee().country();
		String roast = pick("light", "medium", "medium-dark", "dark");
		String process = pick("washed", "natural", "honey");
		int grams = pickInt(250, 250, 500, 1000);
		String notes = faker.coffee().notes();
		String title = faker.coffee().blendName() + " – " + country + ", " + roast + " roast, " + grams + " g";
		String description = "Whole-bean " + faker.coffee().variety() + " coffee from " + country + ", " + process
				+ " process, " + roast + " roast. Tasting notes: " + notes + ".";
		return content(sku, title, description, "coffee", attributes("origin", country, "region", faker.coffee().region(),
				"roast", roast, "process", process, "weightGrams", String.valueOf(grams), "notes", notes), price(7, 39), 0, 200);
	}

	private ProductContent tea(String sku) {
		String variety = faker.tea().variety();
		String type = faker.tea().type();
		String origin = pick("China", "India", "Japan", "Sri Lanka", "Taiwan", "Kenya", "Nepal");
		int grams = pickInt(50, 100, 100, 250);
		String caffeine = type.equalsIgnoreCase("Herbal") ? "none" : pick("low", "medium", "high");
		return content(sku, variety + " " + type + " Tea, " + grams + " g", "Loose-leaf " + type.toLowerCase(Locale.ENGLISH)
				+ " tea (" + variety + ") from " + origin + ". Caffeine: " + caffeine + ".", "tea",
				attributes("variety", variety, "type", type, "origin", origin, "weightGrams", String.valueOf(grams), "caffeine", caffeine),
				price(4, 29), 0, 150);
	}

	private ProductContent boardGame(String sku) {
		int minPlayers = between(1, 3);
		int maxPlayers = minPlayers + between(1, 5);
		int minutes = pickInt(20, 30, 45, 60, 90, 120, 180);
		String mechanic = faker.boardgame().mechanic();
		String theme = faker.boardgame().category();
		return content(sku, faker.boardgame().name(), "A " + theme.toLowerCase(Locale.ENGLISH) + " game for " + minPlayers + "–"
				+ maxPlayers + " players, about " + minutes + " minutes, built around " + mechanic.toLowerCase(Locale.ENGLISH) + ".",
				"board-games", attributes("publisher", faker.boardgame().publisher(), "designer", faker.boardgame().designer(),
						"theme", theme, "mechanic", mechanic, "players", minPlayers + "-" + maxPlayers,
						"playingTimeMinutes", String.valueOf(minutes), "minAge", String.valueOf(pickInt(6, 8, 10, 12, 14))),
				price(15, 120), 0, 70);
	}

	private ProductContent content(String sku, String title, String description, String category, Map<String, String> attributes,
			Money price, int minStock, int maxStock) {
		String image = "https://images.polyshop.example/" + category + "/" + sku.toLowerCase(Locale.ENGLISH) + ".jpg";
		return new ProductContent(sku, truncated(title, 200), truncated(description, 5000), category, attributes, List.of(image),
				price, between(minStock, maxStock));
	}

	/** A price between the bounds ending in .99 or .49, as shops price. */
	private Money price(int min, int max) {
		BigDecimal euros = BigDecimal.valueOf(between(min, max));
		BigDecimal cents = new BigDecimal(random.nextBoolean() ? "0.99" : "0.49");
		return new Money(euros.add(cents).setScale(2, RoundingMode.UNNECESSARY), CURRENCY);
	}

	private static Map<String, String> attributes(String... keysAndValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			attributes.put(keysAndValues[i], truncated(keysAndValues[i + 1], 200));
		}
		return attributes;
	}

	private String pick(String... options) {
		return options[random.nextInt(options.length)];
	}

	private int pickInt(int... options) {
		return options[random.nextInt(options.length)];
	}

	private int between(int min, int max) {
		return min + random.nextInt(max - min + 1);
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String truncated(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
