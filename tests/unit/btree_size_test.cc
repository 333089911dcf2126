// The B-tree size model against indexes built for real: TPC-H SF 0.1 (bench/tpch, seed 0.5) on PostgreSQL 15,
// statistics as ANALYZE left them, sizes from pg_relation_size after CREATE INDEX. HypoPG's estimates for the
// same indexes are given for comparison; the model must stay within 12 % of the real size.
#include "verify/btree_size.h"

#include <gtest/gtest.h>

namespace dbarch::verify {
namespace {

BtreeColumn Int4(double n_distinct) { return {.avg_width = 4, .typlen = 4, .typalign = 'i', .n_distinct = n_distinct}; }
BtreeColumn Date(double n_distinct) { return {.avg_width = 4, .typlen = 4, .typalign = 'i', .n_distinct = n_distinct}; }

void ExpectNear(const BtreeShape& shape, int64_t built, const char* what) {
  const double estimate = static_cast<double>(EstimateBtreeBytes(shape));
  EXPECT_NEAR(estimate / static_cast<double>(built), 1.0, 0.12) << what << ": estimated " << estimate << ", built " << built;
}

constexpr double kLineitemRows = 601089;

TEST(BtreeSize, DeduplicatedIntegerKey) {
  // lineitem(l_partkey): 30 rows per key; HypoPG says 15 704 064.
  ExpectNear({.rows = kLineitemRows, .columns = {Int4(19592)}}, 4530176, "l_partkey");
  // orders(o_custkey): HypoPG 3 915 776.
  ExpectNear({.rows = 150000, .columns = {Int4(9886)}}, 1277952, "o_custkey");
}

TEST(BtreeSize, FewDuplicatesPerKey) {
  // lineitem(l_orderkey): ~4 lines per order, n_distinct sampled as -0.2047; HypoPG 15 704 064.
  ExpectNear({.rows = kLineitemRows, .columns = {Int4(0.2047334 * kLineitemRows)}}, 7815168, "l_orderkey");
}

TEST(BtreeSize, DeduplicatedVarcharKey) {
  // part(p_type): 150 types over 20 000 parts; HypoPG 966 656.
  BtreeColumn type{.avg_width = 21, .typlen = -1, .typalign = 'i', .n_distinct = 150};
  ExpectNear({.rows = 20000, .columns = {type}}, 163840, "p_type");
}

TEST(BtreeSize, MultiColumnKeyUsesItsOwnDistinctCount) {
  // lineitem(l_partkey, l_suppkey): 79 964 distinct pairs (extended statistics say ~72 000–82 000); HypoPG 25 124 864.
  BtreeShape shape{.rows = kLineitemRows, .columns = {Int4(19592), Int4(1000)}, .key_distinct = 76000};
  ExpectNear(shape, 6119424, "(l_partkey, l_suppkey)");
  // Without the combined count the columns are taken as independent: no duplicates, a larger index.
  shape.key_distinct.reset();
  EXPECT_GT(EstimateBtreeBytes(shape), 10'000'000);
}

TEST(BtreeSize, NoDeduplicationWithIncludeColumns) {
  // lineitem(l_shipdate) INCLUDE (l_extendedprice, l_discount); numeric values of 8 and 4 bytes; HypoPG 43 966 464.
  BtreeColumn price{.avg_width = 8, .typlen = -1, .typalign = 'i', .n_distinct = 100000, .key = false};
  BtreeColumn discount{.avg_width = 4, .typlen = -1, .typalign = 'i', .n_distinct = 11, .key = false};
  ExpectNear({.rows = kLineitemRows, .columns = {Date(2511), price, discount}}, 23011328, "l_shipdate INCLUDE");
}

TEST(BtreeSize, NoDeduplicationForOperatorClassesWithoutEqualImage) {
  // lineitem(l_returnflag): char(1), 3 values, yet one tuple per row (bpchar); HypoPG 15 704 064.
  BtreeColumn flag{.avg_width = 2, .typlen = -1, .typalign = 'i', .n_distinct = 3, .deduplicable = false};
  ExpectNear({.rows = kLineitemRows, .columns = {flag}}, 13549568, "l_returnflag");
  // lineitem(l_comment): varchar, mostly unique (n_distinct -0.645): deduplication gains little; HypoPG 33 759 232.
  BtreeColumn comment{.avg_width = 27, .typlen = -1, .typalign = 'i', .n_distinct = 0.64488286 * kLineitemRows};
  ExpectNear({.rows = kLineitemRows, .columns = {comment}}, 27820032, "l_comment");
}

TEST(BtreeSize, EmptyAndTinyTables) {
  EXPECT_EQ(EstimateBtreeBytes({.rows = 0, .columns = {Int4(0)}}), 2 * 8192);  // metapage + one leaf
  EXPECT_EQ(EstimateBtreeBytes({.rows = 10, .columns = {Int4(10)}}), 2 * 8192);
}

}  // namespace
}  // namespace dbarch::verify
