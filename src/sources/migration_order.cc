#include "sources/migration_order.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace dbarch::sources {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Reads digits starting at pos; returns false when there are none.
bool ReadNumber(const std::string& s, std::size_t* pos, unsigned long long* out) {
  std::size_t start = *pos;
  unsigned long long value = 0;
  while (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos]))) {
    value = value * 10 + static_cast<unsigned long long>(s[*pos] - '0');
    ++*pos;
    if (*pos - start > 19) break;  // longer than any real version; keep what fits
  }
  *out = value;
  return *pos > start;
}

std::string Humanize(std::string s) {
  std::replace(s.begin(), s.end(), '_', ' ');
  std::replace(s.begin(), s.end(), '-', ' ');
  auto first = s.find_first_not_of(' ');
  return first == std::string::npos ? "" : s.substr(first);
}

}  // namespace

MigrationFile ClassifyMigrationPath(const std::string& path) {
  MigrationFile file;
  file.path = path;
  fs::path p(path);
  std::string name = p.filename().string();
  std::string stem = name;
  if (EndsWith(stem, ".sql")) stem.resize(stem.size() - 4);

  // Prisma keeps one migration.sql per version folder.
  if (name == "migration.sql" && p.has_parent_path()) {
    MigrationFile folder = ClassifyMigrationPath((p.parent_path().filename().string()) + ".sql");
    if (!folder.version.empty()) {
      folder.path = path;
      folder.convention = "prisma";
      return folder;
    }
  }

  // Flyway: V<ver>__desc, U<ver>__desc, R__desc (version components separated by '.' or '_').
  if (stem.size() > 1 && (stem[0] == 'V' || stem[0] == 'U' || stem[0] == 'R')) {
    auto sep = stem.find("__");
    if (sep != std::string::npos) {
      if (stem[0] == 'R' && sep == 1) {
        file.direction = MigrationFile::Direction::kRepeatable;
        file.description = Humanize(stem.substr(3));
        file.convention = "flyway";
        return file;
      }
      std::string version = stem.substr(1, sep - 1);
      std::vector<unsigned long long> parts;
      std::size_t pos = 0;
      bool ok = !version.empty();
      while (ok && pos < version.size()) {
        unsigned long long n;
        if (!ReadNumber(version, &pos, &n)) { ok = false; break; }
        parts.push_back(n);
        if (pos < version.size()) {
          if (version[pos] == '.' || version[pos] == '_') ++pos;
          else ok = false;
        }
      }
      if (ok && !parts.empty()) {
        file.version = parts;
        file.description = Humanize(stem.substr(sep + 2));
        file.direction = stem[0] == 'U' ? MigrationFile::Direction::kDown : MigrationFile::Direction::kUp;
        file.convention = "flyway";
        return file;
      }
    }
  }

  // Leading number: golang-migrate (.up/.down), timestamps, Django/plain numbering.
  std::size_t pos = 0;
  unsigned long long number;
  if (ReadNumber(stem, &pos, &number)) {
    file.version = {number};
    std::string rest = stem.substr(pos);
    file.direction = MigrationFile::Direction::kUp;
    if (EndsWith(rest, ".up")) {
      rest.resize(rest.size() - 3);
      file.convention = "golang-migrate";
    } else if (EndsWith(rest, ".down")) {
      rest.resize(rest.size() - 5);
      file.direction = MigrationFile::Direction::kDown;
      file.convention = "golang-migrate";
    } else {
      file.convention = pos >= 12 ? "timestamp" : "numbered";
    }
    file.description = Humanize(rest);
    return file;
  }
  if (EndsWith(stem, ".down") || EndsWith(stem, "_down") || stem == "down") {
    file.direction = MigrationFile::Direction::kDown;
  }
  file.description = Humanize(stem);
  file.convention = "plain";
  return file;
}

bool LooksLikeMigrationFolder(const std::vector<MigrationFile>& files) {
  int versioned_up = 0;
  int rollbacks = 0;
  for (const auto& f : files) {
    if (f.direction == MigrationFile::Direction::kUp && !f.version.empty()) ++versioned_up;
    if (f.direction == MigrationFile::Direction::kDown) ++rollbacks;
  }
  return versioned_up >= 2 || (versioned_up == 1 && rollbacks >= 1);
}

std::vector<MigrationFile> OrderForReplay(std::vector<MigrationFile> files, std::vector<MigrationFile>* rollbacks) {
  std::vector<MigrationFile> up;
  for (auto& f : files) {
    if (f.direction == MigrationFile::Direction::kDown) {
      if (rollbacks) rollbacks->push_back(std::move(f));
    } else {
      up.push_back(std::move(f));
    }
  }
  auto rank = [](const MigrationFile& f) {
    switch (f.direction) {
      case MigrationFile::Direction::kUp: return 0;
      case MigrationFile::Direction::kRepeatable: return 1;
      default: return 2;
    }
  };
  std::stable_sort(up.begin(), up.end(), [&](const MigrationFile& a, const MigrationFile& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (a.version != b.version) return a.version < b.version;
    return a.path < b.path;
  });
  return up;
}

}  // namespace dbarch::sources
