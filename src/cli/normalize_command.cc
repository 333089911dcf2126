// `dbarch normalize FILE.csv…`: each table's profile, functional dependencies, keys and normal form with
// evidence, and the inclusion dependencies between the tables.
// `dbarch design FILE.csv…`: the normalized schema (DDL, data migration, Mermaid ER diagram), verified on a
// scratch PostgreSQL: the migration runs with every constraint and the join of the new tables must give back
// the original rows.
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "analyzers/normalize.h"
#include "cli/cli_common.h"
#include "report/normalize_text.h"
#include "sources/csv_reader.h"
#include "sources/live/table_sample.h"
#include "verify/pg_connection.h"
#include "verify/scratch_cluster.h"

namespace dbarch::cli {
namespace {

struct NormalizeFlags {
  std::vector<std::string> files;
  std::string format = "text";
  std::string output;
  std::string delimiter;
  std::string header = "auto";
  std::string null_string;
  bool null_not_equal = false;
  int max_lhs = -1;
  double time_budget = 60;
  int threads = 0;  // 0 = hardware concurrency
  // normalize only: live tables, sampled
  std::string db;
  std::vector<std::string> tables;
  int64_t sample_rows = 10000;
  // design only
  bool no_verify = false;
  std::string pg_bindir;
};

void AddFlags(CLI::App* cmd, NormalizeFlags* f, const std::vector<std::string>& formats) {
  cmd->add_option("files", f->files, "CSV files, one table each (named after the file)");
  cmd->add_option("--format", f->format, "Output format")->check(CLI::IsMember(formats));
  cmd->add_option("-o,--output", f->output, "Output file (default: standard output)");
  cmd->add_option("--delimiter", f->delimiter, "Field delimiter: , ; tab | (default: detected)")
      ->check(CLI::IsMember({",", ";", "tab", "\t", "|"}));
  cmd->add_option("--header", f->header, "Whether the first row names the columns")
      ->check(CLI::IsMember({"auto", "yes", "no"}));
  cmd->add_option("--null", f->null_string, "The text that means NULL (default: the empty field)");
  cmd->add_flag("--null-not-equal", f->null_not_equal,
                "Treat each NULL as distinct in dependency discovery (default: NULL = NULL, as GROUP BY does)");
  cmd->add_option("--max-lhs", f->max_lhs, "Largest left-hand side of a functional dependency searched")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--time-budget", f->time_budget, "Seconds the dependency search may take per table (0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", f->threads, "Threads for dependency discovery (default: all cores)")
      ->check(CLI::Range(0, 256));
}

Result<analyzers::NormalizeResult> Analyze(const NormalizeFlags& f, const GlobalOptions& global,
                                           std::vector<bool>* has_header) {
  sources::CsvOptions csv;
  if (!f.delimiter.empty()) csv.delimiter = f.delimiter == "tab" ? '\t' : f.delimiter[0];
  csv.header = f.header == "yes" ? sources::CsvOptions::Header::kYes
               : f.header == "no" ? sources::CsvOptions::Header::kNo
                                  : sources::CsvOptions::Header::kAuto;
  csv.null_string = f.null_string;
  std::vector<analyzers::normalize::TableData> tables;
  for (const auto& path : f.files) {
    auto read = sources::ReadCsvFile(path, csv);
    if (!read.ok()) return read.status();
    if (global.verbosity() == Verbosity::kVerbose)
      std::cerr << fmt::format("{}: {} rows, delimiter {}, {}, {}\n", path, read->rows.size(),
                               read->delimiter == '\t' ? std::string("TAB") : std::string(1, read->delimiter),
                               read->has_header ? "header row" : "no header row", read->encoding);
    if (read->encoding != "UTF-8" && global.verbosity() != Verbosity::kQuiet)
      std::cerr << fmt::format("{}: warning: not valid UTF-8; read as {}\n", path, read->encoding);
    analyzers::normalize::TableData t;
    t.name = read->name;
    t.source = path;
    t.columns = std::move(read->columns);
    t.rows = std::move(read->rows);
    t.null_string = f.null_string;
    has_header->push_back(read->has_header);
    tables.push_back(std::move(t));
  }
  if (!f.db.empty()) {
    // Live tables, sampled read-only under the session's statement timeout.
    verify::ConnectOptions connect;
    connect.conninfo = f.db == "env" ? "" : f.db;
    connect.statement_timeout_ms = 120000;
    auto connection = verify::PgConnection::Connect(connect);
    if (!connection.ok()) return connection.status();
    sources::TableSampleOptions sample;
    sample.tables = f.tables;
    sample.max_rows = f.sample_rows;
    auto samples = sources::SampleLiveTables(*connection, sample);
    if (!samples.ok()) return samples.status();
    if (global.verbosity() != Verbosity::kQuiet) {
      for (const auto& note : samples->notes) std::cerr << "note: " << note << "\n";
    }
    for (auto& t : samples->tables) {
      if (global.verbosity() == Verbosity::kVerbose) std::cerr << t.source << "\n";
      has_header->push_back(true);
      tables.push_back(std::move(t));
    }
  }
  if (tables.empty()) return Status::InvalidInput("no tables: give CSV files (normalize also samples live tables with --db URL)");
  analyzers::NormalizeOptions options;
  options.nulls = f.null_not_equal ? analyzers::normalize::NullSemantics::kNullNotEqualsNull
                                   : analyzers::normalize::NullSemantics::kNullEqualsNull;
  options.fd.max_lhs = f.max_lhs;
  options.fd.time_budget_s = f.time_budget;
  options.fd.threads = f.threads > 0 ? f.threads : std::max(1u, std::thread::hardware_concurrency());
  auto result = analyzers::Normalize(std::move(tables), options);
  if (result.ok() && global.verbosity() != Verbosity::kQuiet)
    for (const auto& t : result->tables)
      if (!t.fds.complete) std::cerr << fmt::format("{}: warning: {}\n", t.data.source, t.fds.limit_message);
  return result;
}

int RunNormalize(const NormalizeFlags& f, const GlobalOptions& global) {
  std::vector<bool> has_header;
  auto result = Analyze(f, global, &has_header);
  if (!result.ok()) {
    std::cerr << result.status().ToString() << "\n";
    return result.status().ExitCode();
  }
  std::string text = f.format == "json" ? report::NormalizeJson(*result).dump(2) + "\n" : report::NormalizeText(*result);
  Status written = WriteOutput(f.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  return kExitOk;
}

int RunDesign(const NormalizeFlags& f, const GlobalOptions& global) {
  std::vector<bool> has_header;
  auto result = Analyze(f, global, &has_header);
  if (!result.ok()) {
    std::cerr << result.status().ToString() << "\n";
    return result.status().ExitCode();
  }
  std::vector<report::TableDesign> designs;
  for (size_t i = 0; i < result->tables.size(); ++i) {
    const auto& t = result->tables[i];
    report::TableDesign d;
    d.table = &t;
    d.sql = analyzers::normalize::BuildDesignSql(t.data, t.profile, t.decomposition, has_header[i]);
    designs.push_back(std::move(d));
  }
  bool failed = false;
  if (f.no_verify) {
    for (auto& d : designs) d.not_verified_reason = "--no-verify was given";
  } else {
    verify::ScratchClusterOptions options;
    options.bindir = f.pg_bindir;
    if (global.verbosity() != Verbosity::kQuiet) std::cerr << "starting a scratch PostgreSQL to verify the design…\n";
    auto cluster = verify::ScratchCluster::Start(options);
    if (!cluster.ok()) {
      if (global.verbosity() != Verbosity::kQuiet)
        std::cerr << "warning: no scratch PostgreSQL: " << cluster.status().message() << "\n";
      for (auto& d : designs) d.not_verified_reason = "no scratch PostgreSQL: " + cluster.status().message();
    } else {
      for (size_t i = 0; i < designs.size(); ++i) {
        auto db = (*cluster)->CreateDatabase(fmt::format("design_{}", i + 1));
        auto connection = db.ok() ? (*cluster)->Connect(*db) : Result<verify::PgConnection>(db.status());
        if (!connection.ok()) {
          designs[i].not_verified_reason = connection.status().message();
          continue;
        }
        std::vector<std::string> names;
        for (const auto& dt : designs[i].table->decomposition.tables) names.push_back(dt.name);
        designs[i].verification = verify::VerifyDesign(*connection, designs[i].table->data, designs[i].sql, names);
        if (designs[i].verification->ran && !designs[i].verification->lossless()) failed = true;
      }
      (void)(*cluster)->Stop();
    }
  }
  std::string text = f.format == "json"      ? report::DesignJson(designs, result->inclusion_dependencies).dump(2) + "\n"
                     : f.format == "sql"     ? report::DesignSqlScript(designs)
                     : f.format == "mermaid" ? report::DesignMermaid(designs, result->inclusion_dependencies)
                                             : report::DesignText(designs, result->inclusion_dependencies);
  Status written = WriteOutput(f.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  if (failed) {
    std::cerr << "error: the design did not verify (see Verification above)\n";
    return 4;
  }
  return kExitOk;
}

}  // namespace

void RegisterNormalizeCommands(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto nf = std::make_shared<NormalizeFlags>();
  CLI::App* normalize = app->add_subcommand(
      "normalize", "Profile CSV tables or sampled live tables (--db): types, functional dependencies, keys, normal form "
                   "with evidence");
  AddFlags(normalize, nf.get(), {"text", "json"});
  normalize->add_option("--db", nf->db,
                        "Live database URL: its tables are sampled read-only and judged like CSV files (\"env\" = the "
                        "PG* environment variables)");
  normalize->add_option("--table", nf->tables, "With --db: only this table (name or schema.name; repeatable)");
  normalize->add_option("--sample-rows", nf->sample_rows,
                        "With --db: rows read per table — all of a smaller table, else a TABLESAMPLE of about this many "
                        "(default 10000)")
      ->check(CLI::Range(int64_t{10}, int64_t{10000000}));
  normalize->callback([nf, global, exit_code] { *exit_code = RunNormalize(*nf, *global); });

  auto df = std::make_shared<NormalizeFlags>();
  CLI::App* design = app->add_subcommand(
      "design", "Design a normalized schema from CSV tables: DDL, data migration and ER diagram, verified on a "
                "scratch PostgreSQL");
  AddFlags(design, df.get(), {"text", "json", "sql", "mermaid"});
  design->add_flag("--no-verify", df->no_verify, "Do not start a scratch PostgreSQL to prove the migration lossless");
  design->add_option("--pg-bindir", df->pg_bindir, "Folder with PostgreSQL's initdb and postgres binaries");
  design->callback([df, global, exit_code] { *exit_code = RunDesign(*df, *global); });
}

}  // namespace dbarch::cli
