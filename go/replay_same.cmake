# A replay token gives the same execution: find the used-counter leak with a
# random schedule, replay its token twice, and require the same report.
#   cmake -DPROGRAM=<spancheck> -DPATCH=<used-counter.patch> -P replay_same.cmake
execute_process(COMMAND ${PROGRAM} go --patch ${PATCH} --scenario two-poppers --seed 7 OUTPUT_VARIABLE found RESULT_VARIABLE code)
string(REGEX MATCH "--schedule (replay:[0-9x,-]+)" token "${found}")
if(NOT code EQUAL 1 OR NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "no leak with a replay line (exit ${code}):\n${found}")
endif()
set(token ${CMAKE_MATCH_1})
foreach(run first second)
  execute_process(COMMAND ${PROGRAM} go --patch ${PATCH} --scenario two-poppers --schedule ${token}
                  OUTPUT_VARIABLE ${run} RESULT_VARIABLE code_${run})
endforeach()
if(NOT code_first EQUAL 1 OR NOT "${first}" MATCHES "block 0 leaked: all 512 slots popped")
  message(FATAL_ERROR "the replay does not show the leak (exit ${code_first}):\n${first}")
endif()
if(NOT first STREQUAL second)
  message(FATAL_ERROR "two replays of ${token} differ:\n${first}\n---\n${second}")
endif()
