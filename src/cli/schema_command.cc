// `dbarch schema`: the schema model dbarch built from the inputs, as JSON or a short text summary.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "model/model_json.h"

namespace dbarch::cli {
namespace {

struct SchemaFlags {
  sources::LoadOptions inputs;
  std::string format = "text";
  std::string output;
};

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

int Run(const SchemaFlags& flags, const GlobalOptions& global) {
  auto project = LoadAndDescribe(flags.inputs, global);
  if (!project.ok()) {
    std::cerr << project.status().ToString() << "\n";
    return project.status().ExitCode();
  }
  std::string text = flags.format == "json" ? model::ToJson(project->catalog).dump(2) + "\n"
                                            : TextSummary(project->catalog);
  Status written = WriteOutput(flags.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  return kExitOk;
}

}  // namespace

void RegisterSchemaCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<SchemaFlags>();
  CLI::App* cmd = app->add_subcommand("schema", "Show the schema model built from DDL files and migration folders");
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
