package io.polyshop.cart.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import io.polyshop.cart.CartItem;
import io.polyshop.cart.CartOwner;
import io.polyshop.cart.Carts;

/** Carts as Redis hashes (SKU → quantity), every change one atomic script. */
@Service
class RedisCarts implements Carts {

	private final StringRedisTemplate redis;
	private final CartLimits limits;

	RedisCarts(StringRedisTemplate redis, CartLimits limits) {
		this.redis = redis;
		this.limits = limits;
	}

	@Override
	public List<CartItem> items(CartOwner owner) {
		Map<Object, Object> lines = redis.opsForHash().entries(CartKeys.of(owner));
		return lines.entrySet().stream()
				.map(line -> new CartItem((String) line.getKey(), Integer.parseInt((String) line.getValue())))
				.sorted(Comparator.comparing(CartItem::sku))
				.toList();
	}

	/** Seconds until the cart expires, or -1 when there is no cart. */
	long secondsToLive(CartOwner owner) {
		Long ttl = redis.getExpire(CartKeys.of(owner));
		return ttl == null || ttl < 0 ? -1 : ttl;
	}

	void set(CartOwner owner, String sku, int quantity) {
		refuseIfOverLimit(redis.execute(CartScripts.SET, List.of(CartKeys.of(owner)), sku, Integer.toString(quantity),
				Integer.toString(limits.maxQuantityPerLine()), Integer.toString(limits.maxLines()), ttlSeconds(owner)));
	}

	int add(CartOwner owner, String sku, int quantity, int available) {
		Long answer = redis.execute(CartScripts.ADD, List.of(CartKeys.of(owner)), sku, Integer.toString(quantity),
				Integer.toString(limits.maxQuantityPerLine()), Integer.toString(limits.maxLines()), ttlSeconds(owner),
				Integer.toString(available));
		if (answer == -3) {
			throw CartProblems.notEnoughStock(sku, available);
		}
		return refuseIfOverLimit(answer);
	}

	void remove(CartOwner owner, String sku) {
		set(owner, sku, 0);
	}

	void clear(CartOwner owner) {
		redis.delete(CartKeys.of(owner));
	}

	/**
	 * Moves an anonymous cart into the customer's; quantities add up, capped per line. Three single-slot steps (see
	 * {@link CartScripts#TAKE_FOR_MERGE}), so it works on Redis Cluster; repeating it after a crash or a redelivered
	 * sign-in neither loses lines nor adds them twice.
	 */
	@SuppressWarnings("unchecked")
	void merge(CartOwner anonymous, CartOwner customer) {
		List<Object> lines = redis.execute(CartScripts.TAKE_FOR_MERGE,
				List.of(CartKeys.of(anonymous), CartKeys.merging(anonymous)));
		if (lines != null && !lines.isEmpty()) {
			List<String> arguments = new ArrayList<>(List.of(anonymous.kind() + ":" + anonymous.id(),
					Integer.toString(limits.maxQuantityPerLine()), Integer.toString(limits.maxLines()), ttlSeconds(customer)));
			lines.forEach(value -> arguments.add(String.valueOf(value)));
			redis.execute(CartScripts.MERGE_INTO, List.of(CartKeys.of(customer), CartKeys.mergedCarts(customer)),
					arguments.toArray());
		}
		redis.delete(CartKeys.merging(anonymous));
	}

	@Override
	public void removeCheckedOut(CartOwner owner, String orderId, Map<String, Integer> quantitiesBySku) {
		List<String> arguments = new ArrayList<>(List.of(orderId, Long.toString(limits.customerTtl().toSeconds())));
		quantitiesBySku.forEach((sku, quantity) -> {
			arguments.add(sku);
			arguments.add(Integer.toString(quantity));
		});
		redis.execute(CartScripts.REMOVE_CHECKED_OUT, List.of(CartKeys.of(owner), CartKeys.checkedOutOrders(owner)),
				arguments.toArray());
	}

	@Override
	public Set<String> notCheckedOut(Map<String, CartOwner> cartsByOrder) {
		List<Map.Entry<String, CartOwner>> orders = List.copyOf(cartsByOrder.entrySet());
		// one round trip for the whole batch: EXISTS cart, SISMEMBER checked-out order, per order
		List<Object> answers = redis.executePipelined((RedisCallback<Object>) connection -> {
			for (Map.Entry<String, CartOwner> order : orders) {
				connection.keyCommands().exists(CartKeys.of(order.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
				connection.setCommands().sIsMember(CartKeys.checkedOutOrders(order.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
						order.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			return null;
		});
		Set<String> notCheckedOut = new HashSet<>();
		for (int i = 0; i < orders.size(); i++) {
			Object exists = answers.get(2 * i);
			boolean cartExists = exists instanceof Boolean b ? b : exists instanceof Number n && n.longValue() > 0;
			if (cartExists && !Boolean.TRUE.equals(answers.get(2 * i + 1))) {
				notCheckedOut.add(orders.get(i).getKey());
			}
		}
		return notCheckedOut;
	}

	private String ttlSeconds(CartOwner owner) {
		return Long.toString((owner.kind() == CartOwner.Kind.CUSTOMER ? limits.customerTtl() : limits.anonymousTtl()).toSeconds());
	}

	private int refuseIfOverLimit(Long answer) {
		if (answer == -1) {
			throw CartProblems.tooManyOfOneProduct(limits.maxQuantityPerLine());
		}
		if (answer == -2) {
			throw CartProblems.tooManyProducts(limits.maxLines());
		}
		return answer.intValue();
	}
}
