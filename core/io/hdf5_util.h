#pragma once
// Thin RAII and typed helpers over the HDF5 C API (projects, HDF5 feature files).
// Every failure throws InputError(file, hdf5Path, message).
#include <hdf5.h>

#include <optional>
#include <string>
#include <vector>

namespace le::h5 {

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    Handle(Handle&& o) noexcept : id_(o.id_), closer_(o.closer_) { o.id_ = H5I_INVALID_HID; }
    Handle& operator=(Handle&& o) noexcept {
        std::swap(id_, o.id_);
        std::swap(closer_, o.closer_);
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() {
        if (id_ >= 0 && closer_) closer_(id_);
    }
    hid_t id() const { return id_; }
    bool valid() const { return id_ >= 0; }

private:
    hid_t id_ = H5I_INVALID_HID;
    Closer closer_ = nullptr;
};

// The file and the HDF5 path of the current object, for messages.
struct Place {
    const std::string& file;
    std::string path;
    [[noreturn]] void fail(const std::string& message) const;
    Place child(const std::string& name) const { return {file, path == "/" ? "/" + name : path + "/" + name}; }
};

// Silences HDF5's own error printing (we report errors ourselves).
void quietErrors();
// Clears HDF5's error records (left over, they make the library print "infinite loop
// closing library" at exit) and throws InputError(file, hdf5Path, message).
[[noreturn]] void fail(const std::string& file, const std::string& hdf5Path, const std::string& message);

Handle createGroup(hid_t parent, const Place& place);
Handle openGroup(hid_t parent, const Place& place);
bool exists(hid_t parent, const std::string& name);
std::vector<std::string> childNames(hid_t group, const Place& place); // in creation/name order

// Numeric datasets: `dims` up to 3; data in C order.
void writeDoubles(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, const double* data);
void writeFloats(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, const float* data);
void writeInt64s(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, const long long* data);
void writeStrings(hid_t parent, const Place& place, const std::vector<std::string>& values);
void writeString(hid_t parent, const Place& place, const std::string& value); // scalar

struct NumericData {
    std::vector<hsize_t> dims;
    bool isFloat32 = false;
    std::vector<double> doubles; // when !isFloat32 (integers are converted)
    std::vector<float> floats;   // when isFloat32
    std::size_t count() const;
};
NumericData readNumeric(hid_t parent, const Place& place);
std::vector<long long> readInt64s(hid_t parent, const Place& place, std::vector<hsize_t>& dims);
std::vector<std::string> readStrings(hid_t parent, const Place& place);
std::string readString(hid_t parent, const Place& place);

void setAttribute(hid_t object, const Place& place, const std::string& name, const std::string& value);
void setAttribute(hid_t object, const Place& place, const std::string& name, long long value);
std::optional<std::string> stringAttribute(hid_t object, const Place& place, const std::string& name);
std::optional<long long> intAttribute(hid_t object, const Place& place, const std::string& name);
// A 1-D attribute of variable-length strings (h5py's string_dtype arrays).
std::optional<std::vector<std::string>> stringsAttribute(hid_t object, const Place& place, const std::string& name);
std::vector<std::string> attributeNames(hid_t object, const Place& place);

} // namespace le::h5
