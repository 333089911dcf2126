// IndexMap keeps a lookup by table beside the indexes; every writer must keep it right.
#include "model/index_map.h"

#include <gtest/gtest.h>

namespace dbarch::model {
namespace {

Index On(const std::string& table, const std::string& name) {
  Index index;
  index.name = {"public", name};
  index.table = {"public", table};
  return index;
}

std::vector<std::string> NamesOn(const IndexMap& indexes, const std::string& table) {
  std::vector<std::string> names;
  for (const Index* index : indexes.On({"public", table})) names.push_back(index->name.name);
  return names;
}

TEST(IndexMap, LookupByTableFollowsEveryWriter) {
  IndexMap indexes;
  Index a = On("orders", "orders_b_idx");
  indexes.emplace(a.name, std::move(a));  // the name argument aliases the moved index's own name
  Index b = On("orders", "orders_a_idx");
  indexes.emplace(b.name, b);
  indexes.emplace({"public", "customers_pkey"}, On("customers", "customers_pkey"));
  EXPECT_EQ(NamesOn(indexes, "orders"), (std::vector<std::string>{"orders_a_idx", "orders_b_idx"}));

  // Once the lookup is built, each writer updates it in place.
  indexes.erase({"public", "orders_a_idx"});
  EXPECT_EQ(NamesOn(indexes, "orders"), (std::vector<std::string>{"orders_b_idx"}));
  indexes.Modify({"public", "orders_b_idx"}, [](Index& index) { index.table = {"public", "customers"}; });
  EXPECT_TRUE(NamesOn(indexes, "orders").empty());
  EXPECT_EQ(NamesOn(indexes, "customers"), (std::vector<std::string>{"customers_pkey", "orders_b_idx"}));
  EXPECT_TRUE(indexes.Rename({"public", "orders_b_idx"}, {"public", "customers_b_idx"}));
  EXPECT_EQ(indexes.at({"public", "customers_b_idx"}).name.name, "customers_b_idx");
  EXPECT_FALSE(indexes.Rename({"public", "customers_b_idx"}, {"public", "customers_pkey"}));  // name taken
  EXPECT_EQ(NamesOn(indexes, "customers"), (std::vector<std::string>{"customers_b_idx", "customers_pkey"}));
  EXPECT_EQ(indexes.erase_if([](const Index& index) { return index.name.name == "customers_pkey"; }), 1u);
  EXPECT_EQ(NamesOn(indexes, "customers"), (std::vector<std::string>{"customers_b_idx"}));
  indexes.insert_or_assign({"public", "customers_b_idx"}, On("orders", "customers_b_idx"));
  EXPECT_TRUE(NamesOn(indexes, "customers").empty());
  EXPECT_EQ(NamesOn(indexes, "orders"), (std::vector<std::string>{"customers_b_idx"}));

  // The general writers make the lookup rebuild.
  indexes[{"public", "customers_b_idx"}].table = {"public", "items"};
  EXPECT_EQ(NamesOn(indexes, "items"), (std::vector<std::string>{"customers_b_idx"}));
  indexes.Mutable({"public", "customers_b_idx"})->table = {"public", "orders"};
  EXPECT_EQ(NamesOn(indexes, "orders"), (std::vector<std::string>{"customers_b_idx"}));
  indexes.ForEachMutable([](const QualifiedName&, Index& index) { index.table = {"public", "carts"}; });
  EXPECT_EQ(NamesOn(indexes, "carts"), (std::vector<std::string>{"customers_b_idx"}));
  EXPECT_TRUE(NamesOn(indexes, "orders").empty());
}

TEST(IndexMap, CopiesHaveTheirOwnLookup) {
  IndexMap original;
  original.emplace({"public", "a_idx"}, On("t", "a_idx"));
  EXPECT_EQ(NamesOn(original, "t").size(), 1u);
  IndexMap copy = original;
  copy.emplace({"public", "b_idx"}, On("t", "b_idx"));
  EXPECT_EQ(NamesOn(copy, "t"), (std::vector<std::string>{"a_idx", "b_idx"}));
  EXPECT_EQ(NamesOn(original, "t"), (std::vector<std::string>{"a_idx"}));
  // Pointers handed out refer to the copy's own indexes.
  EXPECT_EQ(copy.On({"public", "t"})[0], &copy.at({"public", "a_idx"}));
  IndexMap moved = std::move(copy);
  EXPECT_EQ(NamesOn(moved, "t"), (std::vector<std::string>{"a_idx", "b_idx"}));
}

}  // namespace
}  // namespace dbarch::model
