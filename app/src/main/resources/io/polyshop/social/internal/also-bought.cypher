// "Often bought together" with $sku: the other products its buyers bought, by how many of them
// (GraphRecommendations; the benchmarks module runs this very file)
MATCH (:Product {sku: $sku})<-[:PURCHASED]-(buyer:Customer)-[:PURCHASED]->(other:Product)
WHERE other.sku <> $sku
RETURN other.sku AS sku, other.title AS title, count(DISTINCT buyer) AS customers
ORDER BY customers DESC, sku LIMIT $limit
