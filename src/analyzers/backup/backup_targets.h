// What a backup plan is made from: the recovery objectives (RPO, RTO), the database's size and daily change
// (WAL) volume, where the repository lives, whether it is encrypted, how far back point-in-time recovery
// must reach, and the host's cores. Parsed from the command line's text forms ("15min", "50GB",
// "5GB/day", "s3://bucket/path"); a bad value is kInvalidInput naming the flag.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"

namespace dbarch::analyzers::backup {

enum class RepositoryType { kPosix, kS3 };

struct Repository {
  RepositoryType type = RepositoryType::kPosix;
  std::string path = "/var/lib/pgbackrest";  // repo1-path (the prefix inside the bucket for S3)
  std::string bucket;                         // S3 only
};

// Where the size and change rate came from: the plan says how sure it is.
enum class VolumeSource { kGiven, kLiveDatabase, kWorkloadEstimate, kAssumed };

struct BackupTargets {
  int64_t rpo_seconds = 60;       // committed work that may be lost; 0 = none
  int64_t rto_seconds = 3600;     // time to be serving again after losing the server
  int64_t size_bytes = 0;            // database size; unknown while size_source is kAssumed
  int64_t change_bytes_per_day = 0;  // WAL written per day; unknown while change_source is kAssumed
  VolumeSource size_source = VolumeSource::kAssumed;  // kAssumed: PlanBackup fills in a stated assumption
  VolumeSource change_source = VolumeSource::kAssumed;
  std::string volume_evidence;    // how size and change rate were measured or estimated, for the plan's notes
  Repository repository;
  bool encrypt = false;
  int retention_days = 14;        // how far back point-in-time recovery must reach
  int cores = 4;                  // of the database host
  std::string stanza = "main";
  std::string pg_path = "/var/lib/postgresql/15/main";
  int pg_major_version = 15;
  std::string database = "postgres";  // the database restore-test.sh checks
  std::vector<std::string> busiest_tables;  // schema.table, most written first: row counts checked after restore
};

// "0", "30s", "1min", "15min", "1h", "2d" (also "1 min", "90 seconds") → seconds.
Result<int64_t> ParseDuration(std::string_view text, std::string_view flag);
// "50GB", "500MB", "1.5TB", "1024" (bytes) → bytes; units are powers of 1024 as in PostgreSQL.
Result<int64_t> ParseBytes(std::string_view text, std::string_view flag);
// "5GB/day", "200MB/h", "10MB/min" → bytes per day.
Result<int64_t> ParseBytesPerDay(std::string_view text, std::string_view flag);
// "posix:/var/lib/pgbackrest", "/var/lib/pgbackrest", "s3://bucket/path".
Result<Repository> ParseRepository(std::string_view text);
// "14d", "4w", "3months" (30 days), "1y" (365 days) → days.
Result<int> ParseRetentionDays(std::string_view text);
// A stanza name: letters, digits, '-', '_' and '.' (pgBackRest's section names).
Status CheckStanzaName(std::string_view name);

// "50 GB", "1.2 TB", "800 MB" (powers of 1024, one decimal below 10).
std::string FormatBytes(double bytes);
// "45s", "12min", "1.5h", "3d".
std::string FormatDuration(double seconds);

}  // namespace dbarch::analyzers::backup
