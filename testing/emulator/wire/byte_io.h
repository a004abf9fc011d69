// Little helpers to build and parse TDS byte sequences.
//
// ByteWriter appends to a caller-owned std::string, so encoders can write
// straight into an outgoing message buffer without copies. ByteReader is a
// bounds-checked cursor: every read reports failure instead of running past
// the end, because all input comes from an untrusted client.
#ifndef EHI_TESTING_EMULATOR_WIRE_BYTE_IO_H_
#define EHI_TESTING_EMULATOR_WIRE_BYTE_IO_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace emulator {

class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}

  void U8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Le(v, 2); }
  void U32(uint32_t v) { Le(v, 4); }
  void U64(uint64_t v) { Le(v, 8); }
  // Writes the low `bytes` bytes of `v`, little-endian.
  void Le(uint64_t v, int bytes) {
    char buf[8];
    for (int i = 0; i < bytes; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out_->append(buf, static_cast<size_t>(bytes));
  }
  void U16Be(uint16_t v) {
    U8(static_cast<uint8_t>(v >> 8));
    U8(static_cast<uint8_t>(v & 0xFF));
  }
  void U32Be(uint32_t v) {
    U16Be(static_cast<uint16_t>(v >> 16));
    U16Be(static_cast<uint16_t>(v & 0xFFFF));
  }
  void Bytes(std::string_view b) { out_->append(b.data(), b.size()); }
  // B_VARCHAR / US_VARCHAR from UTF-8: length in UTF-16 code units.
  void BVarchar(std::string_view utf8);
  void UsVarchar(std::string_view utf8);

  size_t size() const { return out_->size(); }
  // Overwrites a previously written little-endian USHORT at `pos`.
  void PatchU16(size_t pos, uint16_t v) {
    (*out_)[pos] = static_cast<char>(v & 0xFF);
    (*out_)[pos + 1] = static_cast<char>(v >> 8);
  }
  std::string* buffer() { return out_; }

 private:
  std::string* out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }
  bool ok() const { return ok_; }

  // Each read returns false (and latches !ok()) when the data is too short.
  bool U8(uint8_t* v);
  bool U16(uint16_t* v);
  bool U32(uint32_t* v);
  bool U64(uint64_t* v);
  bool Le(int bytes, uint64_t* v);
  bool Bytes(size_t n, std::string_view* v);
  bool Skip(size_t n);
  // Reads `chars` UTF-16LE code units and converts them to UTF-8.
  bool Utf16(size_t chars, std::string* utf8);
  bool BVarchar(std::string* utf8);
  bool UsVarchar(std::string* utf8);

 private:
  bool Fail() {
    ok_ = false;
    return false;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_BYTE_IO_H_
