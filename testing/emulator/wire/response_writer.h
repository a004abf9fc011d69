// Streams one request's results to the client as TDS tokens; the engine
// sees it as its ResultSink.
//
// Every statement ends with a DONE (DONEINPROC inside sp_executesql) and all
// but the last carry DONE_MORE. The engine does not say which statement is
// last, so the DONE of a statement is held back until the next token (it
// then gets MORE) or until Finish() (it becomes the final one).
//
// Cancellation: Row() returns false once `cancel` (set by the connection's
// reader thread on ATTENTION or on disconnect) is true or the socket failed;
// the connection then sends the separate attention acknowledgement.
//
// Thread-compatible: used by the connection thread only; `cancel` is the
// one field written by another thread.
#ifndef EHI_TESTING_EMULATOR_WIRE_RESPONSE_WRITER_H_
#define EHI_TESTING_EMULATOR_WIRE_RESPONSE_WRITER_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "testing/emulator/engine_api.h"
#include "testing/emulator/wire/packet_io.h"
#include "testing/emulator/wire/value_encoder.h"

namespace emulator {

class ResponseWriter : public ResultSink {
 public:
  // `session` supplies TEXTSIZE; `in_proc` selects DONEINPROC for
  // statements (sp_executesql).
  ResponseWriter(MessageWriter* out, const Session* session, const std::atomic<bool>* cancel,
                 bool in_proc, std::string server_name);

  void BeginRows(const std::vector<Column>& columns) override;
  bool Row(const std::vector<Value>& values) override;
  void StatementDone(bool has_count, int64_t row_count, bool error) override;
  void Message(const ServerMessage& message) override;
  bool Cancelled() override;

  // Ends a plain batch: the held-back DONE goes out as the final one (or a
  // bare DONE when no statement ran).
  void FinishBatch();
  // Ends one procedure call: the held-back DONEINPROC gets MORE, then
  // RETURNSTATUS and DONEPROC (with MORE unless `last`).
  void FinishProc(bool last);

  // Sends the built message (EOM on the last packet).
  absl::Status EndMessage();

  bool had_error() const { return had_error_; }
  // A severity >= 20 message was sent: the connection must close.
  bool fatal() const { return fatal_; }
  bool io_failed() const { return !io_status_.ok(); }
  const absl::Status& io_status() const { return io_status_; }

 private:
  void FlushPending(bool more);
  void Flush();

  MessageWriter* out_;
  const Session* session_;
  const std::atomic<bool>* cancel_;
  bool in_proc_;
  std::string server_name_;

  std::vector<ColumnEncoder> encoders_;
  int64_t text_size_ = 4096;
  bool has_pending_ = false;
  uint16_t pending_status_ = 0;
  uint64_t pending_count_ = 0;
  bool encode_failed_ = false;  // the current statement hit a conversion error
  bool had_error_ = false;
  bool fatal_ = false;
  absl::Status io_status_;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_RESPONSE_WRITER_H_
