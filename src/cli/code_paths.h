// Application code among a command's inputs: `dbarch security` and `dbarch report` take the repository's
// folders as they are, so source files (.py, .ts, .go, …) sit next to the SQL. Files named explicitly are
// taken out of the SQL inputs (they would not parse as SQL); folders are read by both.
#pragma once

#include <string>
#include <vector>

#include "analyzers/security/code_scan.h"
#include "sources/project_loader.h"

namespace dbarch::cli {

// Moves application-code files out of `inputs->paths` and returns what the code scan should read: those
// files, every folder among the paths, and `extra` (--code).
std::vector<std::string> TakeCodePaths(sources::LoadOptions* inputs, const std::vector<std::string>& extra);

// The scan's findings as Findings (empty when there is nothing to scan); its notes go to `notes` and the
// number of source files read to `files_scanned` (either may be null).
Findings ScanCodeForInjection(const std::vector<std::string>& paths, std::vector<std::string>* notes,
                              size_t* files_scanned);

}  // namespace dbarch::cli
