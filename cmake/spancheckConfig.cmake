# spancheck, as an installed package: find_package(spancheck) gives
#
#   SPANCHECK_EXECUTABLE    the spancheck command
#   SPANCHECK_INCLUDE_DIR   the root variant files include from ("impl/spanset/variants/popped.hpp")
#
#   spancheck_add_variant_test(<name> FILE <variant.hpp>
#                              [EXPECT holds|violated] [KIND <kind>]
#                              [AGAINST <variant>] [LEVEL quick|thorough]
#                              [LABELS <label>...])
#
# which registers a ctest test that runs `spancheck check FILE` (compiling the
# variant on demand, cached in the build folder) and passes when the check
# exits as EXPECTed (holds: 0, the default; violated: 1), and, with KIND, when
# the report names that violation kind.
get_filename_component(_spancheck_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(SPANCHECK_EXECUTABLE "${_spancheck_prefix}/bin/spancheck")
set(SPANCHECK_INCLUDE_DIR "${_spancheck_prefix}/include/spancheck")
set(_spancheck_expect "${CMAKE_CURRENT_LIST_DIR}/spancheck_expect.cmake")
if(NOT EXISTS "${SPANCHECK_EXECUTABLE}")
  set(spancheck_FOUND FALSE)
  set(spancheck_NOT_FOUND_MESSAGE "no ${SPANCHECK_EXECUTABLE}")
  return()
endif()

function(spancheck_add_variant_test name)
  cmake_parse_arguments(A "" "FILE;EXPECT;KIND;AGAINST;LEVEL" "LABELS" ${ARGN})
  if(NOT A_FILE)
    message(FATAL_ERROR "spancheck_add_variant_test(${name}): FILE is required")
  endif()
  get_filename_component(file "${A_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(args check ${file})
  if(A_AGAINST)
    list(APPEND args --against ${A_AGAINST})
  endif()
  if(A_LEVEL)
    list(APPEND args --${A_LEVEL})
  endif()
  set(exit 0)
  if(A_EXPECT STREQUAL "violated")
    set(exit 1)
  elseif(A_EXPECT AND NOT A_EXPECT STREQUAL "holds")
    message(FATAL_ERROR "spancheck_add_variant_test(${name}): EXPECT is holds or violated, not ${A_EXPECT}")
  endif()
  add_test(NAME ${name}
           COMMAND ${CMAKE_COMMAND} "-DPROGRAM=${SPANCHECK_EXECUTABLE}" "-DARGS=${args}" -DEXIT=${exit}
                   "-DKIND=${A_KIND}" -P "${_spancheck_expect}")
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "SPANCHECK_CACHE=${CMAKE_BINARY_DIR}/spancheck-cache"
                       RUN_SERIAL ON)
  if(A_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}")
  endif()
endfunction()
