#include "analyzers/normalize.h"

#include <chrono>

#include <fmt/format.h>

namespace dbarch::analyzers {

using namespace normalize;

Result<NormalizeResult> Normalize(std::vector<TableData> tables, const NormalizeOptions& options) {
  NormalizeResult result;
  // Built in place: each table's oracle refers to its data, so elements must not move afterwards.
  result.tables.reserve(tables.size());
  for (auto& data : tables) {
    if (data.num_columns() > AttributeSet::kMaxAttributes)
      return Status::InvalidInput(fmt::format("{}: {} columns; dependency discovery handles at most {} columns",
                                              data.source, data.num_columns(), AttributeSet::kMaxAttributes));
    TableNormalization& t = result.tables.emplace_back();
    t.data = std::move(data);
    t.profile = ProfileColumns(t.data);
    t.relation = std::make_unique<CompressedRelation>(
        CompressedRelation::Build(t.data, NullSemantics::kNullEqualsNull, options.fd.threads));
    auto start = std::chrono::steady_clock::now();
    if (options.nulls == NullSemantics::kNullEqualsNull) {
      t.fds = DiscoverFds(*t.relation, options.fd);
    } else {
      t.fds = DiscoverFds(CompressedRelation::Build(t.data, options.nulls, options.fd.threads), options.fd);
    }
    t.fd_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    t.keys = DiscoverUccs(*t.relation, options.ucc);
    t.oracle = std::make_unique<TableOracle>(t.data, *t.relation);
    t.normal_form = JudgeNormalForm(*t.oracle, t.profile, t.fds, t.keys);
    t.decomposition = Decompose(*t.oracle, t.normal_form, t.fds);
  }
  std::vector<const TableData*> views;
  for (const auto& t : result.tables) views.push_back(&t.data);
  result.inclusion_dependencies = DiscoverUnaryInds(views);
  return result;
}

}  // namespace dbarch::analyzers
