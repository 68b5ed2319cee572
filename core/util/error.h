#pragma once
// Errors the user can act on. Every reader throws InputError naming the file and the
// position (line, frame, HDF5 path, array member) so the message can be shown as is.
#include <stdexcept>
#include <string>

namespace le {

class InputError : public std::runtime_error {
public:
    // `location` is e.g. "line 12, frame 3" or "/features/mace" or "" when not applicable.
    InputError(std::string file, std::string location, const std::string& what)
        : std::runtime_error(compose(file, location, what)), file_(std::move(file)),
          location_(std::move(location)) {}

    const std::string& file() const { return file_; }
    const std::string& location() const { return location_; }

private:
    static std::string compose(const std::string& file, const std::string& location,
                               const std::string& what) {
        std::string s = file;
        if (!location.empty()) s += (s.empty() ? "" : ", ") + location;
        if (!s.empty()) s += ": ";
        return s + what;
    }
    std::string file_;
    std::string location_;
};

// Invalid arguments to a computation (bad k, zero variance, mismatched rows...).
class ComputeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace le
