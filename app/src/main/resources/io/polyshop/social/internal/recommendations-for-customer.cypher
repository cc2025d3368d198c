// Products bought by the people around $me (GraphRecommendations; the benchmarks module runs this very file).
// The work grows with the accounts reached and their purchases, never with the follow paths, and each purchase
// row is touched by as few operators as possible (PROFILE at 100k customers: 2026-11-26, docs/benchmarks):
// - min(length(path)) per buyer is planned as VarLengthExpand(Pruning,BFS): each account is reached once, at its
//   shortest distance, however many of the (follows per account)^depth paths lead to it;
// - my own purchases are read once, up front, not once per candidate purchase (an Expand(Into) per row);
// - purchases are summed per (buyer, product) first, so counting buyers needs no DISTINCT set per product;
// - PURCHASED only ever points at a Product: no label check per row.
// Someone I follow counts fully, anyone further $depth2Weight times; a purchase counts half every $halfLifeSeconds.
MATCH (me:Customer {id: $me})
WITH me, COLLECT { MATCH (me)-[:PURCHASED]->(mine:Product) RETURN mine } AS mine
MATCH path = (me)-[:FOLLOWS*1..%d]->(buyer:Customer)
WHERE buyer <> me
WITH mine, buyer, min(length(path)) = 1 AS direct
MATCH (buyer)-[purchase:PURCHASED]->(product)
WHERE NOT product IN mine
WITH buyer, direct, product, $now.epochSeconds - purchase.at.epochSeconds AS age
WITH buyer, direct, product, sum(0.5 ^ (CASE WHEN age > 0 THEN age ELSE 0 END / $halfLifeSeconds)) AS recency
WITH product, sum(CASE WHEN direct THEN 1.0 ELSE $depth2Weight END * recency) AS score,
     count(CASE WHEN direct THEN buyer END) AS followed, count(buyer) AS buyers
// never one person's purchases: a product counts only once at least k people bought it
WHERE buyers >= $minPeople
RETURN product.sku AS sku, product.title AS title, score, followed, buyers
ORDER BY score DESC, sku LIMIT $limit
