#include <iostream>

#include "sql/parser.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    auto parsed = dbarch::sql::ParseFile(argv[i]);
    if (!parsed.ok()) {
      std::cerr << parsed.status().ToString() << "\n";
      return parsed.status().ExitCode();
    }
    std::cout << argv[i] << ": " << parsed->statements.size() << " statements\n";
  }
  return 0;
}
