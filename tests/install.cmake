# cmake --install of this build into a fresh prefix, then the downstream
# project of tests/downstream/ configured against it and its ctest run: the
# package config, the installed headers, libraries and runners, and the
# compilation of a variant file from the installed tree.
#   cmake -DBUILD=<build dir> -DSOURCE=<repo> -DWORK=<scratch dir> -P install.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (exit ${code}):\n${out}\n${err}")
  endif()
  message("${what}: ok")
endfunction()
run("install" ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix)
file(COPY ${SOURCE}/tests/downstream/CMakeLists.txt ${SOURCE}/examples/count_at_claim.hpp
     DESTINATION ${WORK}/project)
run("configure the downstream project" ${CMAKE_COMMAND} -S ${WORK}/project -B ${WORK}/build
    -DCMAKE_PREFIX_PATH=${WORK}/prefix)
run("its tests" ${CMAKE_CTEST_COMMAND} --test-dir ${WORK}/build --output-on-failure)
# The installed spancheck also runs the shipped variants, from its own libexec.
run("installed spancheck" ${WORK}/prefix/bin/spancheck model --variant popped --scenario two-poppers --search dpor)
