#include "testing/emulator/wire/response_writer.h"

#include <utility>

#include "testing/emulator/wire/byte_io.h"
#include "testing/emulator/wire/tds_constants.h"
#include "testing/emulator/wire/token_writer.h"

namespace emulator {

ResponseWriter::ResponseWriter(MessageWriter* out, const Session* session,
                               const std::atomic<bool>* cancel, bool in_proc,
                               std::string server_name)
    : out_(out),
      session_(session),
      cancel_(cancel),
      in_proc_(in_proc),
      server_name_(std::move(server_name)) {}

void ResponseWriter::FlushPending(bool more) {
  if (!has_pending_) return;
  WriteDone(in_proc_ ? tds::kTokenDoneInProc : tds::kTokenDone,
            static_cast<uint16_t>(pending_status_ | (more ? tds::kDoneMore : 0)), pending_count_,
            out_->payload());
  has_pending_ = false;
}

void ResponseWriter::Flush() {
  if (!io_status_.ok()) return;
  io_status_ = out_->MaybeFlush();
}

void ResponseWriter::BeginRows(const std::vector<Column>& columns) {
  FlushPending(true);
  encode_failed_ = false;
  text_size_ = session_ != nullptr ? session_->options().text_size : 4096;
  encoders_.clear();
  encoders_.reserve(columns.size());
  std::string* out = out_->payload();
  ByteWriter w(out);
  w.U8(tds::kTokenColMetadata);
  w.U16(static_cast<uint16_t>(columns.size()));
  for (const Column& c : columns) {
    encoders_.emplace_back(c);
    encoders_.back().WriteMetadata(out);
  }
  Flush();
}

bool ResponseWriter::Row(const std::vector<Value>& values) {
  if (encode_failed_ || Cancelled()) return false;
  std::string* out = out_->payload();
  const size_t row_start = out->size();
  const size_t n = encoders_.size();
  bool any_null = false;
  for (size_t i = 0; i < n && i < values.size(); ++i) any_null |= values[i].is_null();
  if (values.size() < n) any_null = true;
  if (any_null) {
    // NBCROW: a bitmap of NULL columns, then only the non-NULL values.
    out->push_back(static_cast<char>(tds::kTokenNbcRow));
    const size_t bitmap_pos = out->size();
    out->append((n + 7) / 8, '\0');
    for (size_t i = 0; i < n; ++i) {
      if (i >= values.size() || values[i].is_null()) {
        (*out)[bitmap_pos + i / 8] = static_cast<char>((*out)[bitmap_pos + i / 8] | (1 << (i % 8)));
      }
    }
  } else {
    out->push_back(static_cast<char>(tds::kTokenRow));
  }
  for (size_t i = 0; i < n; ++i) {
    if (i >= values.size() || (any_null && values[i].is_null())) continue;
    const absl::Status s = encoders_[i].WriteValue(values[i], text_size_, out);
    if (!s.ok()) {
      out->resize(row_start);
      encode_failed_ = true;
      ServerMessage m;
      m.severity = 16;
      m.state = 1;
      // Arithmetic overflow (8115) or conversion failure (245), as SQL
      // Server reports a value that does not fit the column type.
      m.number = s.code() == absl::StatusCode::kOutOfRange ? 8115 : 245;
      m.text = std::string(s.message());
      Message(m);
      return false;
    }
  }
  Flush();
  return io_status_.ok();
}

void ResponseWriter::StatementDone(bool has_count, int64_t row_count, bool error) {
  FlushPending(true);
  has_pending_ = true;
  pending_status_ = 0;
  if (has_count) pending_status_ |= tds::kDoneCount;
  if (error || encode_failed_) {
    pending_status_ |= tds::kDoneError;
    had_error_ = true;
  }
  pending_count_ = has_count && row_count > 0 ? static_cast<uint64_t>(row_count) : 0;
  encode_failed_ = false;
}

void ResponseWriter::Message(const ServerMessage& message) {
  FlushPending(true);
  WriteMessage(message, server_name_, in_proc_ ? "sp_executesql" : "", out_->payload());
  if (message.severity >= 11) had_error_ = true;
  if (message.severity >= 20) fatal_ = true;
  Flush();
}

bool ResponseWriter::Cancelled() {
  return !io_status_.ok() || (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed));
}

void ResponseWriter::FinishBatch() {
  if (encode_failed_ && !has_pending_) {
    // The engine stopped without closing the statement: close it here.
    StatementDone(false, 0, true);
  }
  if (has_pending_) {
    if (fatal_) pending_status_ |= tds::kDoneError | tds::kDoneSrvError;
    FlushPending(false);
  } else {
    uint16_t status = had_error_ ? tds::kDoneError : tds::kDoneFinal;
    if (fatal_) status |= tds::kDoneSrvError;
    WriteDone(tds::kTokenDone, status, 0, out_->payload());
  }
}

void ResponseWriter::FinishProc(bool last) {
  if (encode_failed_ && !has_pending_) StatementDone(false, 0, true);
  FlushPending(true);
  WriteReturnStatus(had_error_ ? -6 : 0, out_->payload());
  uint16_t status = last ? tds::kDoneFinal : tds::kDoneMore;
  if (had_error_) status |= tds::kDoneError;
  if (fatal_) status |= tds::kDoneSrvError;
  WriteDone(tds::kTokenDoneProc, status, 0, out_->payload());
}

absl::Status ResponseWriter::EndMessage() {
  if (!io_status_.ok()) return io_status_;
  io_status_ = out_->EndMessage();
  return io_status_;
}

}  // namespace emulator
