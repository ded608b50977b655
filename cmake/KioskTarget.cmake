# Warnings for the project's own targets (not for third-party headers, which are SYSTEM includes).
function(kiosk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wsign-conversion -Wnon-virtual-dtor -Werror=return-type)
endfunction()

# kiosk_library(NAME SOURCES... DEPENDS libs...) makes kiosk_NAME with include root kiosk/..
function(kiosk_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(kiosk_${name} STATIC ${ARG_SOURCES})
  target_include_directories(kiosk_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(kiosk_${name} PUBLIC ${ARG_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS})
  kiosk_warnings(kiosk_${name})
endfunction()
