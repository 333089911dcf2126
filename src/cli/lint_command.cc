// `dbarch lint [PATHS|-]`: migration hazards in SQL files, squawk/ruff style — text with the source line and a
// caret, JSON, SARIF 2.1.0 or GitHub annotations; exit 1 when a finding reaches --fail-on. `dbarch rules [ID]`
// lists the rules or shows one rule's documentation.
#include <cstdio>
#include <filesystem>
#include <set>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "analyzers/lint.h"
#include "analyzers/lint/lint_rule.h"
#include "cli/cli_common.h"
#include "common/keep_until_exit.h"
#include "report/findings_json.h"
#include "report/sarif.h"
#include "sources/ddl/precompute_texts.h"
#include "sources/git_changes.h"
#include "sources/migration_order.h"
#include "sql/parse_in_order.h"
#include "sql/source_text.h"

namespace dbarch::cli {
namespace {

namespace fs = std::filesystem;

struct LintFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string fail_on;       // error, warning, info, never (default warning)
  std::vector<std::string> select, ignore;
  int pg_version = 0;        // 0 = from the config, else 15
  std::string config;        // .dbarch.toml
  std::string output;
  std::string since;         // git ref: report only files changed since it
};



// The files to lint, in the order they apply: a migration folder in version order, other folders by path.
Result<std::vector<std::string>> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(path);
      continue;
    }
    if (!fs::exists(path)) return Status::InvalidInput(fmt::format("{}: no such file or directory", path));
    if (!fs::is_directory(path)) {
      out.push_back(path);
      continue;
    }
    std::vector<sources::MigrationFile> files;
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (entry.is_regular_file() && entry.path().extension() == ".sql")
        files.push_back(sources::ClassifyMigrationPath(entry.path().string()));
    }
    std::vector<sources::MigrationFile> rollbacks;
    if (sources::LooksLikeMigrationFolder(files)) {
      for (const auto& f : sources::OrderForReplay(files, &rollbacks)) out.push_back(f.path);
    } else {
      std::vector<std::string> sorted;
      for (const auto& f : files) sorted.push_back(f.path);
      std::sort(sorted.begin(), sorted.end());
      out.insert(out.end(), sorted.begin(), sorted.end());
    }
  }
  return out;
}

Status ReadConfig(const std::string& path, bool required, LintFlags* flags, analyzers::LintOptions* options) {
  if (!fs::exists(path)) {
    return required ? Status::InvalidInput(fmt::format("{}: no such config file", path)) : Status::Ok();
  }
  toml::table config;
  try {
    config = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return Status::InvalidInput(
        fmt::format("{}:{}:{}: {}", path, where.line, where.column, std::string(error.description())));
  }
  const toml::table* lint = config["lint"].as_table();
  if (!lint) return Status::Ok();
  for (const auto& [key, value] : *lint) {
    const std::string name(key.str());
    if (name == "select" || name == "ignore") {
      const toml::array* list = value.as_array();
      if (!list) return Status::InvalidInput(fmt::format("{}: lint.{} must be an array of rule ids", path, name));
      for (const auto& item : *list) {
        if (!item.is_string()) return Status::InvalidInput(fmt::format("{}: lint.{} holds a non-string", path, name));
        (name == "select" ? options->select : options->ignore).insert(std::string(*item.value<std::string>()));
      }
    } else if (name == "pg-version") {
      auto v = value.value<int64_t>();
      if (!v) return Status::InvalidInput(fmt::format("{}: lint.pg-version must be an integer", path));
      options->pg_version = static_cast<int>(*v);
    } else if (name == "per-path") {
      const toml::array* entries = value.as_array();
      if (!entries) return Status::InvalidInput(fmt::format("{}: lint.per-path must be an array of tables ([[lint.per-path]])", path));
      for (const auto& item : *entries) {
        const toml::table* entry = item.as_table();
        if (!entry) return Status::InvalidInput(fmt::format("{}: lint.per-path holds a non-table", path));
        analyzers::PathOptions settings;
        for (const auto& [entry_key, entry_value] : *entry) {
          const std::string field(entry_key.str());
          if (field == "path") {
            auto glob = entry_value.value<std::string>();
            if (!glob) return Status::InvalidInput(fmt::format("{}: lint.per-path.path must be a string", path));
            settings.pattern = *glob;
          } else if (field == "ignore") {
            const toml::array* list = entry_value.as_array();
            if (!list) return Status::InvalidInput(fmt::format("{}: lint.per-path.ignore must be an array of rule ids", path));
            for (const auto& id : *list) {
              if (!id.is_string()) return Status::InvalidInput(fmt::format("{}: lint.per-path.ignore holds a non-string", path));
              settings.ignore.insert(std::string(*id.value<std::string>()));
            }
          } else if (field == "pg-version") {
            auto v = entry_value.value<int64_t>();
            if (!v) return Status::InvalidInput(fmt::format("{}: lint.per-path.pg-version must be an integer", path));
            settings.pg_version = static_cast<int>(*v);
          } else {
            return Status::InvalidInput(fmt::format(
                "{}: unknown key lint.per-path.{} (expected path, ignore, pg-version)", path, field));
          }
        }
        if (settings.pattern.empty())
          return Status::InvalidInput(fmt::format("{}: every [[lint.per-path]] needs a path", path));
        options->per_path.push_back(std::move(settings));
      }
    } else if (name == "fail-on") {
      auto v = value.value<std::string>();
      if (!v) return Status::InvalidInput(fmt::format("{}: lint.fail-on must be a string", path));
      if (flags->fail_on.empty()) flags->fail_on = *v;
    } else {
      return Status::InvalidInput(fmt::format("{}: unknown key lint.{} (expected select, ignore, pg-version, fail-on, per-path)",
                                              path, name));
    }
  }
  return Status::Ok();
}

std::string TextOutput(const Findings& findings, const std::map<std::string, std::shared_ptr<const sql::SourceText>>& sources) {
  std::string out;
  for (const Finding& f : findings) {
    out += fmt::format("{}: {}: {} [{}]\n", f.location.ToString(), SeverityName(f.severity), f.message, f.rule_id);
    auto source = sources.find(f.location.file);
    if (source != sources.end() && f.location.line > 0) {
      const std::string line(source->second->Line(f.location.line));
      out += fmt::format("  {}\n  {}^\n", line, std::string(f.location.column > 0 ? f.location.column - 1 : 0, ' '));
    }
    if (!f.explanation.empty()) out += "  = " + f.explanation + "\n";
    if (!f.fix_sql.empty()) out += "  fix: " + f.fix_sql + "\n";
    out += "\n";
  }
  std::map<Severity, int> counts;
  for (const Finding& f : findings) ++counts[f.severity];
  out += findings.empty() ? "No problems found.\n"
                          : fmt::format("{} problem{} ({} error, {} warning, {} info)\n", findings.size(),
                                        findings.size() == 1 ? "" : "s", counts[Severity::kError],
                                        counts[Severity::kWarning], counts[Severity::kInfo]);
  return out;
}

// GitHub Actions workflow commands: annotations on the pull request's diff.
std::string GithubOutput(const Findings& findings) {
  auto escape = [](std::string text) {
    std::string out;
    for (char c : text) {
      if (c == '%') out += "%25";
      else if (c == '\r') out += "%0D";
      else if (c == '\n') out += "%0A";
      else out += c;
    }
    return out;
  };
  std::string out;
  for (const Finding& f : findings) {
    const char* level = f.severity == Severity::kError ? "error" : f.severity == Severity::kWarning ? "warning" : "notice";
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", level, f.location.file, f.location.line,
                       f.location.column, f.rule_id, escape(f.message + " " + f.explanation));
  }
  return out;
}

int Run(LintFlags flags, const GlobalOptions& global) {
  analyzers::LintOptions options;
  Status config = ReadConfig(flags.config.empty() ? ".dbarch.toml" : flags.config, !flags.config.empty(), &flags, &options);
  if (!config.ok()) {
    std::cerr << config.ToString() << "\n";
    return config.ExitCode();
  }
  for (const auto& id : flags.select) options.select.insert(id);
  for (const auto& id : flags.ignore) options.ignore.insert(id);
  if (flags.pg_version > 0) options.pg_version = flags.pg_version;
  for (const auto& set : {options.select, options.ignore}) {
    for (const auto& id : set) {
      if (id == "all" || (!id.empty() && id.back() == '/') || analyzers::lint::FindLintRule(id)) continue;
      std::cerr << fmt::format("error: unknown rule \"{}\" (dbarch rules lists them)\n", id);
      return kExitUsage;
    }
  }
  const std::string fail_on = flags.fail_on.empty() ? "warning" : flags.fail_on;
  std::optional<Severity> threshold = fail_on == "never" ? std::nullopt : ParseSeverity(fail_on);
  if (fail_on != "never" && !threshold) {
    std::cerr << fmt::format("error: --fail-on {}: expected error, warning, info or never\n", fail_on);
    return kExitUsage;
  }
  if (flags.paths.empty()) flags.paths.push_back("-");
  auto files = CollectFiles(flags.paths);
  if (!files.ok()) {
    std::cerr << files.status().ToString() << "\n";
    return files.status().ExitCode();
  }
  // Files are parsed on worker threads and linted in order as they arrive; only their texts are kept (for the
  // source excerpts), not their trees.
  std::map<std::string, std::shared_ptr<const sql::SourceText>> sources;
  auto linter = std::make_unique<analyzers::Linter>(options);
  std::vector<std::unique_ptr<sql::DeparseCache>> replay_texts(files->size());
  std::vector<analyzers::PreparedLint> prepared(files->size());
  Status linted = sql::ParseInOrder(
      files->size(),
      [&](size_t i) {
        const std::string& path = (*files)[i];
        auto parsed = path == "-" ? sql::ParseString("-", std::string(std::istreambuf_iterator<char>(std::cin), {}))
                                  : sql::ParseFile(path);
        // The replay runs on this command's main thread, the pipeline's bottleneck: its texts are printed here,
        // and the rules that need no schema run here. Slots i are written by the one worker that parsed file i,
        // and read after ParseInOrder handed file i over.
        if (parsed.ok()) {
          replay_texts[i] = sources::PrecomputeReplayTexts(parsed.value(), /*view_definitions=*/false);
          prepared[i] = linter->Prepare(parsed.value());
        }
        return parsed;
      },
      [&](size_t i, sql::ParsedFile&& file) {
        sources[file.source->name()] = file.source;
        sql::ScopedDeparseCache texts(replay_texts[i].get());
        linter->Lint(file, std::move(prepared[i]));
        replay_texts[i].reset();
        return Status::Ok();
      });
  if (!linted.ok()) {
    std::cerr << linted.ToString() << "\n";
    return linted.ExitCode();
  }
  // The findings stay where they were found; `order` lists those to report, in report order.
  std::vector<size_t> order;
  Findings found = linter->Finish(&order);
  if (!flags.since.empty()) {
    // Every file is still replayed (earlier migrations define the tables later ones change); only the changed
    // files' findings are reported.
    auto changed = sources::FilesChangedSince(flags.since, ".");
    if (!changed.ok()) {
      std::cerr << "error: " << changed.status().message() << "\n";
      return kExitUsage;
    }
    std::erase_if(order, [&](size_t i) {
      const std::string& file = found[i].location.file;
      return file == "-" || !changed->count(fs::weakly_canonical(file).string());
    });
  }
  bool fails = false;
  for (size_t i : order) fails = fails || (threshold && found[i].severity >= *threshold);
  // JSON, the format of large runs, reads the findings in place; the others take them moved into order.
  Findings findings;
  if (flags.format != "json") {
    findings.reserve(order.size());
    for (size_t i : order) findings.push_back(std::move(found[i]));
  }
  std::string text;
  std::optional<report::FindingsJson> json;
  if (flags.format == "json") {
    std::vector<const Finding*> in_order;
    in_order.reserve(order.size());
    for (size_t i : order) in_order.push_back(&found[i]);
    json.emplace(std::move(in_order));
  } else if (flags.format == "sarif") {
    std::vector<report::SarifRule> rules;
    for (const auto* rule : analyzers::lint::AllLintRules()) {
      if (!options.Enabled(rule->id, rule->opt_in)) continue;
      rules.push_back({std::string(rule->id), std::string(rule->summary), "docs/rules/" + std::string(rule->id) + ".md",
                       rule->severity});
    }
    text = report::RenderSarif(findings, rules, DBARCH_VERSION, [&](const std::string& file, int line) {
      auto source = sources.find(file);
      return source == sources.end() ? std::string_view() : source->second->Line(line);
    });
  } else if (flags.format == "github") {
    text = GithubOutput(findings);
  } else {
    text = TextOutput(findings, sources);
  }
  Status written = json ? WriteOutput(flags.output, [&] { return json->Next(); }) : WriteOutput(flags.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  (void)global;
  const int exit_code = fails ? kExitFindings : kExitOk;
  // The process exits next: the OS reclaims these faster than their destructors would free them.
  KeepUntilExit(std::move(found));
  KeepUntilExit(std::move(findings));
  KeepUntilExit(std::move(linter));
  KeepUntilExit(std::move(sources));
  return exit_code;
}

int RunRules(const std::string& id) {
  if (id.empty()) {
    for (const auto* rule : analyzers::lint::AllLintRules())
      std::cout << fmt::format("{:<48} {:<8} {}\n", rule->id, SeverityName(rule->severity), rule->summary);
    return kExitOk;
  }
  const auto* rule = analyzers::lint::FindLintRule(id);
  if (!rule) {
    std::cerr << fmt::format("error: unknown rule \"{}\" (dbarch rules lists them)\n", id);
    return kExitUsage;
  }
  const fs::path doc = fs::path(DBARCH_SOURCE_DIR) / "docs" / "rules" / (id + ".md");
  std::ifstream in(doc);
  if (!in) {
    std::cout << fmt::format("{}\n{}\n", rule->id, rule->summary);
    return kExitOk;
  }
  std::cout << in.rdbuf();
  return kExitOk;
}

}  // namespace

void RegisterLintCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<LintFlags>();
  CLI::App* cmd = app->add_subcommand("lint", "Check migrations and SQL files for locking, rewrite and data-loss hazards");
  cmd->add_option("paths", flags->paths, "Files or folders (a migration folder is read in version order); - = stdin");
  cmd->add_option("--format", flags->format, "text, json, sarif (SARIF 2.1.0) or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  cmd->add_option("--fail-on", flags->fail_on, "Exit 1 on findings at or above: error, warning (default), info, never");
  cmd->add_option("--select", flags->select, "Only these rules or categories (migration/)")->delimiter(',');
  cmd->add_option("--ignore", flags->ignore, "Leave out these rules or categories")->delimiter(',');
  cmd->add_option("--pg-version", flags->pg_version, "Target PostgreSQL major version (default 15)")
      ->check(CLI::Range(9, 30));
  cmd->add_option("--config", flags->config, "Config file (default: .dbarch.toml when present)");
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_option("--since", flags->since,
                  "Report only files changed since this git revision (committed since it, modified or untracked)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });

  auto rule_id = std::make_shared<std::string>();
  CLI::App* rules = app->add_subcommand("rules", "List the lint rules, or show one rule's documentation");
  rules->add_option("id", *rule_id, "Rule id, e.g. migration/set-not-null");
  rules->callback([rule_id, exit_code] { *exit_code = RunRules(*rule_id); });
}

}  // namespace dbarch::cli
