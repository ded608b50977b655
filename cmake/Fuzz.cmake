# The fuzzing build (KIOSK_FUZZ=ON): everything compiled for libFuzzer under AddressSanitizer and
# UndefinedBehaviorSanitizer. Needs clang 16 or newer (Debian 12: clang-16, libclang-rt-16-dev).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "KIOSK_FUZZ needs clang: CXX=clang++-16 cmake -DKIOSK_FUZZ=ON … (tools/fuzz)")
endif()
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
  # Clang 14 and 15 cannot compile GCC 12's std::expected (its assignments come out deleted).
  message(FATAL_ERROR "KIOSK_FUZZ needs clang 16 or newer, this is ${CMAKE_CXX_COMPILER_VERSION}")
endif()
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
  # Clang 16 to 18 implement what GCC's <expected> needs (P0848, conditionally trivial special
  # members) but still announce the older concepts level, so <expected> would hide itself.
  add_compile_options(-U__cpp_concepts -D__cpp_concepts=202002L)
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer -gline-tables-only)
add_link_options(-fsanitize=address,undefined)
