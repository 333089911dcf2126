#include "verify/keyset_page.h"

#include <fmt/format.h>

#include <algorithm>

namespace dbarch::verify {
namespace {

// The table's row count as the planner knows it (exact after ANALYZE), else counted.
long long TableRows(PgConnection& connection, const std::string& table) {
  auto estimate = connection.QueryParams(
      "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = to_regclass($1)", {table});
  if (estimate.ok() && estimate->rows() == 1 && std::stoll(estimate->Get(0, "n")) > 0) {
    return std::stoll(estimate->Get(0, "n"));
  }
  auto counted = connection.Query("SELECT count(*) AS n FROM " + table);
  return counted.ok() && counted->rows() == 1 ? std::stoll(counted->Get(0, "n")) : 0;
}

}  // namespace

Result<KeysetPage> PickKeysetPage(PgConnection& connection, const analyzers::KeysetPaging& paging,
                                  const ParameterValues& sampled, double depth) {
  KeysetPage page;
  page.original = sampled;
  const int offset_slot = paging.offset_parameter;
  if (offset_slot > 0 && static_cast<size_t>(offset_slot) > page.original.size()) {
    return Status::Internal(fmt::format("no value sampled for the OFFSET parameter ${}", offset_slot));
  }
  long long offset = offset_slot > 0 ? std::max(1LL, static_cast<long long>(TableRows(connection, paging.table) * depth))
                                     : paging.offset_literal;
  page.wanted = offset;
  std::optional<PgResult> cursor;
  while (true) {
    ParameterValues before_page = page.original;
    if (offset_slot > 0) before_page[static_cast<size_t>(offset_slot - 1)] = std::to_string(offset - 1);
    auto row = connection.QueryParams(paging.cursor_sql, before_page);
    if (!row.ok()) return row.status();
    if (row->rows() == 1) {
      cursor = std::move(row).value();
      break;
    }
    if (offset_slot == 0 || offset == 1) {
      return Status::NotFound(fmt::format("no row before OFFSET {} with the sampled parameter values", offset));
    }
    offset = std::max(1LL, offset / 4);
  }
  page.offset = offset;
  if (offset_slot > 0) page.original[static_cast<size_t>(offset_slot - 1)] = std::to_string(offset);

  int highest = static_cast<int>(sampled.size());
  for (const auto& p : paging.cursor_parameters) highest = std::max(highest, p.number);
  page.rewritten.assign(static_cast<size_t>(highest), std::nullopt);
  for (int number = 1; number <= highest; ++number) {
    if (number != offset_slot && static_cast<size_t>(number) <= sampled.size()) {
      page.rewritten[static_cast<size_t>(number - 1)] = sampled[static_cast<size_t>(number - 1)];
    }
  }
  for (size_t i = 0; i < paging.cursor_parameters.size(); ++i) {
    const int number = paging.cursor_parameters[i].number;
    auto& value = page.rewritten[static_cast<size_t>(number - 1)];
    value.reset();
    if (!cursor->IsNull(0, static_cast<int>(i))) value.emplace(cursor->Get(0, static_cast<int>(i)));
  }
  return page;
}

}  // namespace dbarch::verify
