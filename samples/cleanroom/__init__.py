"""Clean-room document renderers: drawn from descriptions of the real documents only, never from the project's
own generator, so that the reader can be measured on cards nobody tuned it on."""
