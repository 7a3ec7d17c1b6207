# cmake -DROOT=<source tree> -P layering.cmake
# Fails on an include that runs back up the layers of spancheck. From the
# bottom:
#   support, pictures   no spancheck includes but their own
#   impl                the protocols (twins of Go's code)
#   scenarios           what the threads of a run do, and the final checks
#   report              the report format, JSON, bad input, budgets, exit codes,
#                       the result types every engine fills in
#   model, tsan         the engines (model runners, stress executors); peers,
#                       neither includes the other
#   cli                 the front end; of model/ and tsan/ only the public
#                       headers below
# A file may include its own folder and any folder below it. tests/, bench/,
# examples/ and go/ stand on top and are not checked.
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source tree> -P layering.cmake")
endif()
get_filename_component(ROOT "${ROOT}" ABSOLUTE)

set(rank_support 0)
set(rank_pictures 0)
set(rank_impl 1)
set(rank_scenarios 2)
set(rank_report 3)
set(rank_model 4)
set(rank_tsan 4)
set(rank_cli 5)
set(layers support pictures impl scenarios report model tsan cli)
set(cli_public model/model_slots.hpp tsan/args.hpp tsan/stress_protocol.hpp)
string(REPLACE ";" ", " cli_public_text "${cli_public}")

set(wrong)
foreach(layer ${layers})
  file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/${layer}/*.hpp ${ROOT}/${layer}/*.cpp ${ROOT}/${layer}/*.in)
  foreach(file ${files})
    file(STRINGS ${ROOT}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    get_filename_component(dir ${ROOT}/${file} DIRECTORY)
    foreach(line ${includes})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" name "${line}")
      # As the compiler looks: beside the file first, then from the root.
      if(EXISTS ${dir}/${name})
        get_filename_component(target ${dir}/${name} ABSOLUTE)
      elseif(EXISTS ${ROOT}/${name})
        get_filename_component(target ${ROOT}/${name} ABSOLUTE)
      else()
        continue()  # generated, or a system header in quotes
      endif()
      file(RELATIVE_PATH to ${ROOT} ${target})
      string(REGEX REPLACE "/.*" "" to_layer "${to}")
      if(to_layer STREQUAL layer OR NOT DEFINED rank_${to_layer})
        continue()
      endif()
      if(layer STREQUAL "cli" AND (to_layer STREQUAL "model" OR to_layer STREQUAL "tsan"))
        if(NOT to IN_LIST cli_public)
          list(APPEND wrong "${file} includes ${to}: not a public header of ${to_layer}/ (${cli_public_text})")
        endif()
      elseif(NOT rank_${to_layer} LESS rank_${layer})
        list(APPEND wrong "${file} includes ${to}: ${to_layer}/ is not below ${layer}/")
      endif()
    endforeach()
  endforeach()
endforeach()

if(wrong)
  list(LENGTH wrong n)
  string(REPLACE ";" "\n  " lines "${wrong}")
  message(FATAL_ERROR "${n} include(s) run back up the layers:\n  ${lines}")
endif()
string(REPLACE ";" ", " layers_text "${layers}")
message(STATUS "layering: every include runs down (${layers_text})")
