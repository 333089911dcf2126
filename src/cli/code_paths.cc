#include "cli/code_paths.h"

#include <filesystem>

namespace dbarch::cli {

std::vector<std::string> TakeCodePaths(sources::LoadOptions* inputs, const std::vector<std::string>& extra) {
  std::vector<std::string> code = extra, sql;
  for (const auto& path : inputs->paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      code.push_back(path);
      sql.push_back(path);
    } else if (!analyzers::security::LanguageOfFile(path).empty()) {
      code.push_back(path);
    } else {
      sql.push_back(path);
    }
  }
  inputs->paths = std::move(sql);
  return code;
}

Findings ScanCodeForInjection(const std::vector<std::string>& paths, std::vector<std::string>* notes,
                              size_t* files_scanned) {
  if (paths.empty()) return {};
  auto scan = analyzers::security::ScanApplicationCode(paths);
  if (files_scanned != nullptr) *files_scanned = scan.files_scanned;
  if (notes != nullptr) notes->insert(notes->end(), scan.notes.begin(), scan.notes.end());
  return analyzers::security::InjectionFindingsAsFindings(scan.findings);
}

}  // namespace dbarch::cli
