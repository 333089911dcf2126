// dbarch: an automated database architect for PostgreSQL. See README.md.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/cli_common.h"

int main(int argc, char** argv) {
  using namespace dbarch::cli;
  InstallSignalHandlers();

  CLI::App app{"dbarch — an automated database architect for PostgreSQL.\n"
               "Point it at an application's migrations and queries; get schema, index, migration, performance\n"
               "and monitoring advice in one report."};
  app.set_version_flag("--version", std::string("dbarch ") + DBARCH_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Print only errors and the requested output");
  app.add_flag("-v,--verbose", global.verbose, "Also print informational notes and ignored files");

  int exit_code = kExitOk;
  RegisterReportCommand(&app, &global, &exit_code);
  RegisterSchemaCommand(&app, &global, &exit_code);
  RegisterWorkloadCommand(&app, &global, &exit_code);
  RegisterIndexCommand(&app, &global, &exit_code);
  RegisterExplainCommand(&app, &global, &exit_code);
  RegisterLogsCommand(&app, &global, &exit_code);
  RegisterHealthCommand(&app, &global, &exit_code);
  RegisterLintCommand(&app, &global, &exit_code);
  RegisterInputsCommand(&app, &global, &exit_code);
  RegisterNormalizeCommands(&app, &global, &exit_code);
  RegisterDiffCommand(&app, &global, &exit_code);
  RegisterTuneCommand(&app, &global, &exit_code);
  RegisterSecurityCommand(&app, &global, &exit_code);
  RegisterBackupCommand(&app, &global, &exit_code);
  RegisterMonitorCommand(&app, &global, &exit_code);
  RegisterRewriteCommand(&app, &global, &exit_code);
  RegisterDenormalizeCommand(&app, &global, &exit_code);

  app.footer(
      "Exit codes: 0 success; 1 findings at or above --fail-on; 2 bad input (syntax error, unknown file, bad "
      "flag); 3 environment or I/O problem; 4 internal error; 128+N killed by signal N.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  return exit_code;
}
