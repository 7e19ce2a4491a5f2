"""Rasa's command line (`python -m bot.rasa_cli run ...` is `rasa run ...`), lighter: what it never uses is not loaded."""
import sys


def prepare() -> None:
    """Must run before TensorFlow is imported.

    TensorFlow 2.12 imports JAX when it is installed (tf.lite's converter: `try: from jax import ...
    except ImportError`), and pip installs it with TensorFlow; Rasa never uses it. Not loading it saves
    about 66 MB of resident memory and 0.4 s of start-up per Rasa process.
    """
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]  # None in sys.modules: `import jax` raises ImportError


def main() -> None:
    prepare()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
