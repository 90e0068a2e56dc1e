"""chipshock: how fragile is the world's chip supply, and how much do alliances change that?"""

__version__ = "0.1.0"
__all__ = ["__version__"]
