// libFuzzer target for the application-code scan: arbitrary bytes as a source file of every language the scan
// reads (lexers, call matching, string evaluation with variables and formatting, the parameterized rewrite
// and its libpg_query check). The first byte picks the language so the corpus can hold all of them. Build:
// see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzers/security/code_scan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kLanguages[] = {"python", "javascript", "typescript", "go", "java", "ruby", "php"};
  if (size == 0) return 0;
  const std::string language = kLanguages[data[0] % 7];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (const auto& finding : dbarch::analyzers::security::ScanSource("fuzz", text, language)) {
    if (finding.location.byte_offset > text.size()) __builtin_trap();
  }
  return 0;
}
