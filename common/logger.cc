#include "common/logger.h"

#include <atomic>
#include <mutex>

#include "common/json_escape.h"

namespace ehi {
namespace {

std::atomic<bool> g_debug{false};
std::atomic<std::FILE*> g_sink{nullptr};
std::mutex g_mutex;
std::string& Origin() {
  static std::string* origin = new std::string("sdk_connector");
  return *origin;
}

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kSevere:
      return "SEVERE";
  }
  return "INFO";
}

}  // namespace

std::string FormatLogLine(LogLevel level, std::string_view message, std::string_view origin) {
  std::string line = "{\"level\":\"";
  line += LevelName(level);
  line += "\",\"message\":\"";
  AppendJsonEscaped(message, line);
  line += "\",\"message-origin\":\"";
  AppendJsonEscaped(origin, line);
  line += '"';
  if (level == LogLevel::kDebug) line += ",\"debug\":true";
  line += '}';
  return line;
}

void SetDebugLogging(bool enabled) { g_debug = enabled; }
bool DebugLoggingEnabled() { return g_debug; }
void SetLogSink(std::FILE* sink) { g_sink = sink; }
void SetLogOrigin(std::string_view origin) {
  std::lock_guard<std::mutex> lock(g_mutex);
  Origin() = std::string(origin);
}

void Log(LogLevel level, std::string_view message) {
  if (level == LogLevel::kDebug && !g_debug) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  std::string line = FormatLogLine(level, message, Origin());
  line += '\n';
  std::FILE* sink = g_sink.load();
  if (sink == nullptr) sink = stdout;
  std::fwrite(line.data(), 1, line.size(), sink);
  std::fflush(sink);
}

}  // namespace ehi
