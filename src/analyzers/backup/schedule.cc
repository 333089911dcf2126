// The schedule: a full backup as often as it is cheap, differentials or incrementals in between, and more
// incrementals only when replaying a day of WAL would break the RTO. Restore time does not depend on the
// backup type (pgBackRest always writes the whole database); what the schedule changes is how much WAL the
// restored server must replay after it, which is at most the WAL written since the last backup.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analyzers/backup/backup_internal.h"

namespace dbarch::analyzers::backup {
namespace {

// A full backup that finishes within an hour fits any nightly window: then take one every day, the simplest
// schedule with the fastest restore (one backup set, no chain).
constexpr double kDailyFullMaxSeconds = 3600;
// Daily fulls over a longer recovery window would keep one full copy per day; weekly fulls with differentials
// store a fraction of that.
constexpr int kDailyFullMaxRetentionDays = 14;
// A differential copies every file changed since the full; when the week's changes reach half the database
// it copies nearly a full backup each day, and incrementals (changes since the previous backup) are cheaper.
constexpr double kDiffToIncrementalShare = 0.5;
constexpr int kIntervalsHours[] = {24, 12, 6, 4, 2, 1};
constexpr int kBackupHour = 1;  // 01:00, the usual quiet hour; shift to the workload's trough

double Rate(double per_process, int processes, double ceiling) {
  return std::min(per_process * std::max(processes, 1), ceiling);
}

std::string HoursList(int every_hours) {
  std::string out;
  for (int h = (kBackupHour + every_hours) % 24; h != kBackupHour; h = (h + every_hours) % 24) {
    out += (out.empty() ? "" : ",") + std::to_string(h);
  }
  return out;
}

}  // namespace

std::string_view BackupTypeName(BackupType type) {
  switch (type) {
    case BackupType::kFull: return "full";
    case BackupType::kDiff: return "diff";
    case BackupType::kIncr: return "incr";
  }
  return "full";
}

Schedule ChooseSchedule(const BackupTargets& targets, const Throughput& tp, int backup_processes,
                        int restore_processes) {
  Schedule s;
  const double size = static_cast<double>(targets.size_bytes);
  const double change_per_day = static_cast<double>(targets.change_bytes_per_day);
  const double backup_rate = Rate(tp.backup_bytes_per_second_per_process, backup_processes, tp.max_bytes_per_second);
  const double restore_rate =
      Rate(tp.restore_bytes_per_second_per_process, restore_processes, tp.max_bytes_per_second);
  s.full_backup_seconds = size / backup_rate;

  auto processes = [](int n) { return fmt::format("{} process{}", n, n == 1 ? "" : "es"); };
  if (s.full_backup_seconds <= kDailyFullMaxSeconds && targets.retention_days <= kDailyFullMaxRetentionDays) {
    s.full_every_days = 1;
    s.reasons.push_back(fmt::format(
        "a full backup of {} takes about {} at {}/s ({}): it fits a nightly window, so every backup is "
        "a full one — the fastest restore, no backup chain",
        FormatBytes(size), FormatDuration(s.full_backup_seconds), FormatBytes(backup_rate), processes(backup_processes)));
  } else if (s.full_backup_seconds <= kDailyFullMaxSeconds) {
    s.full_every_days = 7;
    s.reasons.push_back(fmt::format(
        "a full backup of {} takes only about {}, but daily fulls over a {}-day window would store {} full copies: "
        "weekly fulls",
        FormatBytes(size), FormatDuration(s.full_backup_seconds), targets.retention_days, targets.retention_days + 1));
  } else {
    s.full_every_days = 7;
    s.reasons.push_back(fmt::format(
        "a full backup of {} takes about {} at {}/s ({}): too long to run daily, so weekly",
        FormatBytes(size), FormatDuration(s.full_backup_seconds), FormatBytes(backup_rate), processes(backup_processes)));
  }
  if (s.full_every_days == 7) {
    const double week_of_changes = 6 * change_per_day;
    if (week_of_changes >= kDiffToIncrementalShare * size) {
      s.daily_incremental = true;
      s.reasons.push_back(fmt::format(
          "{} of changes a day reach {} by the sixth day, over half the database: a differential would copy nearly "
          "a full backup each day, so daily incrementals (changes since the previous backup) instead",
          FormatBytes(change_per_day), FormatBytes(std::min(week_of_changes, size))));
    } else {
      s.daily_differential = true;
      s.reasons.push_back(fmt::format(
          "{} of changes a day stay under half the database all week ({} by day six): daily differentials, so a "
          "restore needs at most the full and one differential",
          FormatBytes(change_per_day), FormatBytes(week_of_changes)));
    }
  }

  const double base_restore = size / restore_rate + tp.fixed_restore_overhead_seconds;
  auto restore_with = [&](int interval_hours) {
    double wal = change_per_day * interval_hours / 24.0;
    return std::pair{base_restore + wal / tp.wal_replay_bytes_per_second, wal};
  };
  const double rto = static_cast<double>(targets.rto_seconds);
  int chosen = 24;
  if (base_restore > rto) {
    s.meets_rto = false;
    s.reasons.push_back(fmt::format(
        "restoring {} alone takes about {} at {}/s ({}) plus {} of overhead — more than the RTO of {}: no "
        "backup schedule reaches it; keep a streaming standby to promote (minutes), or faster storage",
        FormatBytes(size), FormatDuration(size / restore_rate), FormatBytes(restore_rate), processes(restore_processes),
        FormatDuration(tp.fixed_restore_overhead_seconds), FormatDuration(rto)));
  } else {
    bool found = false;
    for (int hours : kIntervalsHours) {
      if (restore_with(hours).first <= rto) {
        chosen = hours;
        found = true;
        break;
      }
    }
    if (!found) {
      chosen = 1;
      s.meets_rto = false;
    }
    auto [seconds, wal] = restore_with(chosen);
    if (chosen == 24 && s.meets_rto) {
      s.reasons.push_back(fmt::format(
          "worst case restore: {} of data plus up to a day of WAL ({}) replayed at {}/s ≈ {}, within the RTO of {}",
          FormatBytes(size), FormatBytes(wal), FormatBytes(tp.wal_replay_bytes_per_second), FormatDuration(seconds),
          FormatDuration(rto)));
    } else {
      s.reasons.push_back(fmt::format(
          "a day of WAL ({}) takes {} to replay at {}/s, so an incremental every {}h bounds the replay to {} and the "
          "worst case restore to ≈ {} (RTO {}){}",
          FormatBytes(change_per_day), FormatDuration(change_per_day / tp.wal_replay_bytes_per_second),
          FormatBytes(tp.wal_replay_bytes_per_second), chosen, FormatBytes(wal), FormatDuration(seconds),
          FormatDuration(rto), s.meets_rto ? "" : " — still over the RTO: keep a streaming standby to promote"));
      s.incremental_every_hours = chosen;
    }
  }
  auto [seconds, wal] = restore_with(s.incremental_every_hours > 0 ? s.incremental_every_hours : 24);
  s.restore_seconds = seconds;
  s.max_wal_to_replay_bytes = wal;

  const std::string at = fmt::format("0 {}", kBackupHour);
  if (s.full_every_days == 1) {
    s.cron.push_back({at + " * * *", BackupType::kFull, "daily full backup"});
  } else {
    s.cron.push_back({at + " * * 0", BackupType::kFull, "weekly full backup, Sunday"});
    if (s.daily_differential) {
      s.cron.push_back({at + " * * 1-6", BackupType::kDiff, "daily differential: changes since Sunday's full"});
    } else {
      s.cron.push_back({at + " * * 1-6", BackupType::kIncr, "daily incremental: changes since the previous backup"});
    }
  }
  if (s.incremental_every_hours > 0) {
    s.cron.push_back({fmt::format("0 {} * * *", HoursList(s.incremental_every_hours)), BackupType::kIncr,
                      fmt::format("incremental every {}h: bounds the WAL a restore replays (RTO)",
                                  s.incremental_every_hours)});
  }
  return s;
}

}  // namespace dbarch::analyzers::backup
