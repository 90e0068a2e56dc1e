"""chipshock.sim"""
