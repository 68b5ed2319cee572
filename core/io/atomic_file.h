#pragma once
// Writes a file through a temporary in the same folder, renamed over the target only after
// everything was written and flushed: a failure never destroys an existing file.
#include <functional>
#include <string>
#include <string_view>

namespace le {

// Writes `bytes` to `path` atomically; throws InputError(path, ...) on failure.
void writeFileAtomically(const std::string& path, std::string_view bytes);

// Same, for writers that stream: `fill` receives the temporary path and writes it.
void writeFileAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& fill);

} // namespace le
