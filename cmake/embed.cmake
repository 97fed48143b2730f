# quali_embed(OUTPUT file.cpp FILES a b ...): generate a C++ source that holds each file's
# bytes, looked up by base name through quali::core::embedded_file(name).
function(quali_embed)
  cmake_parse_arguments(ARG "" "OUTPUT" "FILES" ${ARGN})
  string(REPLACE ";" "|" files "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} "-DFILES=${files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${ARG_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding schemas and default data"
    VERBATIM)
endfunction()
