// The error type of the content layer: a message that names the file and the field.
#pragma once

#include <expected>
#include <string>

namespace kiosk {

struct Error {
    std::string message;
};

template <typename T> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) {
    return std::unexpected(Error{std::move(message)});
}

} // namespace kiosk
