// `dbarch schema`: the schema model dbarch built from the inputs, as JSON or a short text summary.
#include <fmt/format.h>

#include "cli/cli_common.h"
#include "model/model_json.h"

namespace dbarch::cli {
namespace {

std::string TextSummary(const model::Catalog& catalog) {
  std::string out;
  const auto indexes_by_table = catalog.IndexesByTable();
  static const std::vector<const model::Index*> kNone;
  for (const auto& [name, table] : catalog.tables) {
    auto found = indexes_by_table.find(name);
    const auto& table_indexes = found == indexes_by_table.end() ? kNone : found->second;
    out += fmt::format("{} {}\n", model::TableKindName(table.kind), name.ToString());
    for (const auto& c : table.columns) {
      out += fmt::format("  {:<24} {}{}{}\n", c.name, c.type.ToSql(), c.not_null ? " NOT NULL" : "",
                         c.default_expr ? " DEFAULT " + *c.default_expr : "");
    }
    for (const auto& k : table.constraints) {
      out += fmt::format("  constraint {} {}\n", k.name, model::ConstraintKindName(k.kind));
    }
    for (const auto* index : table_indexes) {
      out += fmt::format("  index {}{} using {}\n", index->name.name, index->unique ? " (unique)" : "", index->method);
    }
  }
  for (const auto& [name, view] : catalog.views) {
    out += fmt::format("{} {}\n", view.materialized ? "materialized view" : "view", name.ToString());
  }
  out += fmt::format("{} tables, {} indexes, {} views, {} sequences, {} enums, {} functions, {} objects in all\n",
                     catalog.tables.size(), catalog.indexes.size(), catalog.views.size(), catalog.sequences.size(),
                     catalog.enums.size(), catalog.functions.size(), catalog.ObjectCount());
  return out;
}

}  // namespace

void RegisterSchemaCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  RegisterProjectViewCommand(app, global, exit_code, "schema", "Show the schema model built from DDL files and migration folders",
                             [](const sources::LoadedProject& project, const std::string& format) {
                               return format == "json" ? model::ToJson(project.catalog).dump(2) + "\n"
                                                       : TextSummary(project.catalog);
                             });
}

}  // namespace dbarch::cli
