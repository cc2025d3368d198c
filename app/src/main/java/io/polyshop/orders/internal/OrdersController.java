package io.polyshop.orders.internal;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.checkout.OrderStatus;
import io.polyshop.customer.SignedInCustomer;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;
import io.polyshop.shared.Refusal;

/** Order history and support look-ups, read from the document store only. */
@RestController
class OrdersController {


	private final MongoTemplate mongo;

	OrdersController(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The signed-in customer's completed orders, newest first. */
	@GetMapping("/api/orders")
	PageView<OrderDocument> myOrders(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			SignedInCustomer customer) {
		return page(Criteria.where("customerId").is(customer.id()).and("status").is(OrderStatus.COMPLETED.name()), Paging.of(page, size));
	}

	/** One of the signed-in customer's orders; someone else's is answered exactly like one that does not exist. */
	@GetMapping("/api/orders/{id}")
	OrderDocument myOrder(@PathVariable String id, SignedInCustomer customer) {
		OrderDocument order = mongo.findById(id, OrderDocument.class);
		if (order == null || !order.customerId().equals(customer.id())) {
			throw notFound(id);
		}
		return order;
	}

	@GetMapping("/api/admin/orders/{id}")
	OrderDocument anyOrder(@PathVariable String id) {
		OrderDocument order = mongo.findById(id, OrderDocument.class);
		if (order == null) {
			throw notFound(id);
		}
		return order;
	}

	@GetMapping("/api/admin/orders")
	PageView<OrderDocument> ordersByStatus(@RequestParam String status, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		if (OrderStatus.named(status).isEmpty()) {
			throw new Refusal(Refusal.Reason.INVALID, null, "status must be one of " + List.of(OrderStatus.values()));
		}
		return page(Criteria.where("status").is(status), Paging.of(page, size));
	}

	private PageView<OrderDocument> page(Criteria criteria, Paging paging) {
		Query query = Query.query(criteria);
		long total = mongo.count(query, OrderDocument.class);
		query.with(Sort.by(Sort.Direction.DESC, "placedAt")).skip(paging.offset()).limit(paging.size());
		return new PageView<>(mongo.find(query, OrderDocument.class), paging.page(), paging.size(), total);
	}

	private static Refusal notFound(String id) {
		return new Refusal(Refusal.Reason.NOT_FOUND, "Order not found", "No order " + id + " here.");
	}
}
