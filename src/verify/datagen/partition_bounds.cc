#include "verify/datagen/partition_bounds.h"

#include "sql/parser.h"
#include "verify/datagen/parse_tree.h"

namespace dbarch::verify::datagen {
namespace {

// A range datum: a constant, or MINVALUE/MAXVALUE (which the raw grammar reads as column names).
Result<std::optional<Literal>> RangeDatum(const pg_query::Node& node) {
  const pg_query::Node* value = &node;
  if (node.has_partition_range_datum()) {
    const auto& datum = node.partition_range_datum();
    if (datum.kind() != pg_query::PARTITION_RANGE_DATUM_VALUE) return std::optional<Literal>();
    value = &datum.value();
  }
  if (auto column = ReadColumn(*value)) {
    if (*column == "minvalue" || *column == "maxvalue") return std::optional<Literal>();
  }
  auto literal = ReadLiteral(*value);
  if (!literal) return Status::InvalidInput("partition bound is not a constant");
  return std::optional<Literal>(std::move(*literal));
}

}  // namespace

Result<PartitionBound> ParsePartitionBound(const std::string& bound_sql) {
  auto parsed = sql::ParseOne("CREATE TABLE dbarch_partition PARTITION OF dbarch_parent " + bound_sql);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->has_create_stmt() || !parsed->create_stmt().has_partbound()) {
    return Status::InvalidInput("not a partition bound: " + bound_sql);
  }
  const auto& spec = parsed->create_stmt().partbound();
  PartitionBound out;
  if (spec.is_default()) {
    out.kind = PartitionBound::Kind::kDefault;
    return out;
  }
  if (spec.modulus() > 0) {
    out.kind = PartitionBound::Kind::kHash;
    out.modulus = spec.modulus();
    out.remainder = spec.remainder();
    return out;
  }
  if (spec.listdatums_size() > 0) {
    out.kind = PartitionBound::Kind::kList;
    for (const auto& datum : spec.listdatums()) {
      if (datum.has_a_const() && datum.a_const().isnull()) {
        out.accepts_null = true;
        continue;
      }
      auto literal = ReadLiteral(datum);
      if (!literal) return Status::InvalidInput("partition list value is not a constant: " + bound_sql);
      out.values.push_back(std::move(*literal));
    }
    return out;
  }
  out.kind = PartitionBound::Kind::kRange;
  for (const auto& datum : spec.lowerdatums()) {
    auto value = RangeDatum(datum);
    if (!value.ok()) return value.status();
    out.lower.push_back(std::move(value).value());
  }
  for (const auto& datum : spec.upperdatums()) {
    auto value = RangeDatum(datum);
    if (!value.ok()) return value.status();
    out.upper.push_back(std::move(value).value());
  }
  return out;
}

}  // namespace dbarch::verify::datagen
