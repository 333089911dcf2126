// `dbarch security [PATHS…] [--db URL]`: the security audit of the schema (DDL files, migrations, or the live
// catalog) and, with --db, of the server (pg_hba.conf, password hashes, TLS, public schema, default
// privileges, audit logging). Exit 1 on findings at or above --fail-on.
#include <iostream>

#include <fmt/format.h>

#include "analyzers/security.h"
#include "cli/cli_common.h"
#include "cli/code_paths.h"
#include "cli/scratch_flags.h"
#include "report/security_text.h"
#include "sources/live/security_snapshot.h"
#include "verify/pg_connection.h"

namespace dbarch::cli {
namespace {

struct SecurityFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;  // only --db is offered
  std::string format = "text";
  std::string output;
  std::string fail_on = "warning";
  std::vector<std::string> code;  // --code: application source files or folders besides PATHS
  bool list = false;
};

int Fail(const Status& status) {
  std::cerr << status.ToString() << "\n";
  return status.ExitCode();
}

int Run(SecurityFlags flags, const GlobalOptions& global) {
  if (flags.list) {
    for (const auto& check : analyzers::AllSecurityChecks()) {
      std::cout << fmt::format("{:<44} {:<8} {}\n", check.id, SeverityName(check.severity), check.summary);
    }
    return kExitOk;
  }
  std::optional<Severity> threshold = flags.fail_on == "never" ? std::nullopt : ParseSeverity(flags.fail_on);
  if (flags.fail_on != "never" && !threshold) {
    std::cerr << fmt::format("error: --fail-on {}: expected error, warning, info or never\n", flags.fail_on);
    return kExitUsage;
  }
  const std::vector<std::string> code_paths = TakeCodePaths(&flags.inputs, flags.code);
  const bool code_only = flags.inputs.paths.empty() && flags.inputs.schema_paths.empty() && flags.scratch.db.empty();
  Inputs empty;
  auto inputs = code_only && !code_paths.empty() ? Result<Inputs>(std::move(empty))
                                                 : LoadInputs(flags.inputs, flags.scratch, global);
  if (!inputs.ok()) return Fail(inputs.status());
  PrintDiagnostics(inputs->project.diagnostics, global);

  report::SecurityReport result;
  std::optional<model::SecuritySnapshot> live;
  if (!flags.scratch.db.empty()) {
    verify::ConnectOptions options;
    options.conninfo = flags.scratch.db == "env" ? "" : flags.scratch.db;
    auto connection = verify::PgConnection::Connect(options);
    if (!connection.ok()) return Fail(connection.status());
    auto snapshot = sources::ReadSecuritySnapshot(*connection);
    if (!snapshot.ok()) return Fail(snapshot.status());
    live = std::move(snapshot).value();
    result.live = true;
    result.notes = live->notes;
  }
  result.findings = analyzers::AuditSecurity(inputs->project.catalog, live ? &*live : nullptr);
  // Application code that builds SQL from values (security/sql-injection-in-code), errors first like the rest.
  Findings code = ScanCodeForInjection(code_paths, &result.notes, &result.code_files_scanned);
  result.findings.insert(result.findings.begin(), code.begin(), code.end());

  const std::string text = flags.format == "json"    ? report::SecurityJson(result)
                           : flags.format == "md"    ? report::SecurityMarkdown(result)
                           : flags.format == "sarif" ? report::SecuritySarif(result, DBARCH_VERSION)
                                                     : report::SecurityText(result);
  if (Status written = WriteOutput(flags.output, text); !written.ok()) return Fail(written);
  for (const Finding& f : result.findings) {
    if (threshold && f.severity >= *threshold) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void RegisterSecurityCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<SecurityFlags>();
  CLI::App* cmd = app->add_subcommand(
      "security", "Security audit of the schema and, with --db, of the server: SECURITY DEFINER search_path, "
                  "tenant tables without RLS, PUBLIC grants, personal data and secrets, roles, pg_hba.conf, "
                  "password hashing, TLS, audit logging");
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--db", flags->scratch.db,
                  "Live database URL: its catalog (when no DDL is given), settings, pg_hba.conf rules and password "
                  "hash kinds are audited, read-only (\"env\" = the PG* environment variables)");
  cmd->add_option("--format", flags->format, "text, md, json or sarif")
      ->check(CLI::IsMember({"text", "md", "json", "sarif"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_option("--fail-on", flags->fail_on, "Exit 1 on findings at or above: error, warning, info or never "
                                               "(default warning)");
  cmd->add_option("--code", flags->code,
                  "Application source files or folders to scan for SQL built from strings (.py .js .ts .go .java "
                  ".rb .php; folders among PATHS are scanned too)");
  cmd->add_flag("--list", flags->list, "List the checks and exit");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
