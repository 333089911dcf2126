// Runs a client program (pgbench, pg_amcheck, …) to completion and collects what it printed. The program
// inherits dbarch's process group, so Ctrl-C stops it together with dbarch. Not for servers: those belong
// to ScratchCluster, which owns their lifetime.
#pragma once

#include <string>
#include <vector>

#include "dbarch/status.h"

namespace dbarch::verify {

struct ProgramOutput {
  int exit_code = 0;   // 128+N when killed by signal N
  std::string output;  // standard output and standard error, interleaved as written
};

// args[0] is a path or a name looked up on PATH. kUnavailable when it cannot be started.
Result<ProgramOutput> RunProgram(const std::vector<std::string>& args);

}  // namespace dbarch::verify
